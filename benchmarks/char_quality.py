"""Quality at fixed CPU time: held-out bits per character on the Shakespeare plays after N minutes.

Each preset trains in its own process pinned to the given cores (``taskset``), on the first 90 % of the
plays with the last 10 % held out — the split of the nanoGPT anchor in BENCHMARKS.md. The held-out loss is
measured after every epoch; the table interpolates it at the anchor's times (3 and 7.7 minutes) and gives
the value at the end of the budget.

    python benchmarks/char_quality.py --minutes 10 --cores 0 --presets book,cpu
"""

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ANCHOR = {3.0: 2.78, 7.7: 2.42}


def train(preset, minutes, cores, run, steps_per_epoch):
    command = ["taskset", "-c", cores, sys.executable, "-m", "genlab", "text", "train", "--run", str(run),
               "--preset", preset, "--minutes", str(minutes), "--seed", "1", "--val-fraction", "0.1",
               "--steps-per-epoch", str(steps_per_epoch), "--sample-length", "300", "--temperature", "0.5"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    with zipfile.ZipFile(run / "model.keras") as archive:
        return json.loads(archive.read("genlab_state.json"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--cores", default="0", help="taskset core list, e.g. 0 (one core) or 0,1")
    parser.add_argument("--presets", default="book,cpu")
    parser.add_argument("--steps-per-epoch", type=int, default=200)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for preset in args.presets.split(","):
            state = train(preset, args.minutes, args.cores, Path(folder) / preset, args.steps_per_epoch)
            history = [h for h in state["history"] if "val_bpc" in h]
            minutes = np.array([h["seconds"] / 60 for h in history])
            bpc = np.array([h["val_bpc"] for h in history])
            results[preset] = (minutes, bpc, history[-1]["step"])
            print(f"{preset}: " + ", ".join(f"{m:.1f} min {b:.3f}" for m, b in zip(minutes, bpc)), flush=True)
            print((Path(folder) / preset / "samples.txt").read_text().strip().split("--- temperature 0.5")[-1][:300])
    print(f"\nheld-out bits/char on cores {args.cores} (nanoGPT anchor: 2.78 @ 3 min, 2.42 @ 7.7 min, one core)")
    print("preset | steps | @3 min | @7.7 min | at the end (min)")
    for preset, (minutes, bpc, steps) in results.items():
        at = [np.interp(t, minutes, bpc) if minutes[0] <= t <= minutes[-1] else float("nan") for t in ANCHOR]
        print(f"{preset} | {steps} | {at[0]:.3f} | {at[1]:.3f} | {bpc[-1]:.3f} ({minutes[-1]:.1f})")


if __name__ == "__main__":
    main()
