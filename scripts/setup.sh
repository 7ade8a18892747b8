#!/usr/bin/env bash
# Create (once) the virtual environment .venv and install genlab into it with CPU TensorFlow (its tensorflow
# extra) and optional further extras.
#   scripts/setup.sh            genlab with CPU TensorFlow
#   scripts/setup.sh test       plus what the tests need
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${GENLAB_VENV:-.venv}"
extras="${1:-}"
if [ ! -x "$venv/bin/python" ]; then
    echo "setup: creating $venv" >&2
    python3 -m venv "$venv"
fi
target=".[tensorflow${extras:+,$extras}]"
echo "setup: installing genlab${extras:+ with $extras} into $venv (the first time takes a few minutes)" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$target"
