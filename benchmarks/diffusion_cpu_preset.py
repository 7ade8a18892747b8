"""Choosing the diffusion ``cpu`` preset: candidate U-Nets trained for the same minutes on MNIST, then scored.

Each candidate (widths, residual blocks per level, batch, and optionally the learning rate, the precision and
where the conditioning enters the U-Net) trains class-conditionally from the same seed for
``--minutes`` of wall-clock time (one core: run under ``taskset -c 1``), then draws ``--samples`` images (20
DDIM steps, the classes in turn) that are scored with FID and KID on MobileNetV2 features against as many
real training digits. Training CPU seconds include the per-epoch sample grids; sampling time is per image.

    python benchmarks/diffusion_cpu_preset.py [--minutes 10] [--samples 1000] [--candidates 16/32/64:1:64:1e-3:auto,...]
"""

import argparse
import shutil
import time
from pathlib import Path

import genlab  # noqa: F401  (selects the backend)
from genlab import diffusion
from genlab.metrics.image_sets import compare_images

from mnist_scoring import print_table, real_digits, score_cells

CANDIDATES = "16/32/64:1:64,16/32/64:1:32,16/32/64:1:64:2e-3,16/32/64:1:64:1e-3:auto,32/64/96:1:32"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--candidates", default=CANDIDATES, help="widths:blocks:batch[:learning rate[:precision[:condition]]], comma-separated")
    parser.add_argument("--runs", default="runs/diffusion-presets")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    real = real_digits(args.samples)
    rows = []
    for candidate in args.candidates.split(","):
        widths, depth, batch, learning_rate, precision, condition = \
            (candidate.split(":") + ["1e-3", "float32", "input"][len(candidate.split(":")) - 3 :])[:6]
        run = Path(args.runs) / candidate.replace("/", "-").replace(":", "_")
        shutil.rmtree(run, ignore_errors=True)
        cpu = time.process_time()
        state = diffusion.train(run=run, minutes=args.minutes, seed=args.seed, widths=[int(w) for w in widths.split("/")],
                                block_depth=int(depth), batch_size=int(batch), learning_rate=float(learning_rate),
                                precision=precision, condition=condition, report=lambda line: None)
        cpu = time.process_time() - cpu
        started = time.process_time()
        generated = diffusion.generate_images(run, args.samples, seed=0)
        per_image = 1000 * (time.process_time() - started) / args.samples
        scores = compare_images(generated / 255.0, real)
        rows.append([candidate, f"{state['step']:,}", f"{cpu:.0f}", score_cells(scores), f"{per_image:.1f}"])
        print(f"{candidate}: step {state['step']}, FID {scores['fid']:.2f}", flush=True)
    print_table(f"MNIST, {args.minutes:g} min of training each, {args.samples} samples (20 DDIM steps) vs "
                f"{args.samples} real training digits; {scores['features']}",
                ["widths:blocks:batch[:learning rate:precision:condition]", "steps", "training CPU s", "FID", "KID",
                 "sampling CPU ms/image"], rows)


if __name__ == "__main__":
    main()
