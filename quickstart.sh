#!/usr/bin/env bash
# The main job on the bundled defaults: set up, fetch the Shakespeare plays, train a character-level
# language model for a few minutes on this CPU, then generate text from it. Running it again continues
# the same run for a few more minutes.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
genlab=".venv/bin/genlab"
run="runs/quickstart"
minutes="${QUICKSTART_MINUTES:-3}"
if [ -f "$run/model.keras" ]; then
    "$genlab" text train --run "$run" --resume --minutes "$minutes"
else
    "$genlab" text train --run "$run" --preset cpu --minutes "$minutes" --seed 1
fi
echo
echo "=== genlab text generate $run/model.keras --prompt 'ROMEO:' --length 500 --temperature 0.5 --seed 1"
"$genlab" text generate "$run/model.keras" --prompt "ROMEO:" --length 500 --temperature 0.5 --seed 1
