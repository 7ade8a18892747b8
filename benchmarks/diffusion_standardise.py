"""Standardised or raw images: the diffusion ``cpu`` preset's U-Net trained the same number of steps both ways.

``standardise=True`` standardises the training images (the data's mean and standard deviation per channel, as the
book's ``Normalization`` layer does) so that the noise schedule's levels are in units of the data's spread; the
other side keeps them in [−1, 1] as they are. Both train class-conditionally, with the class at the U-Net's input
by default (``--condition``; the preset itself now feeds it to every block), on the 60,000 MNIST training digits
from seed 1 for ``--steps`` steps (equal steps, not minutes, so that machine load cannot favour either), then draw
``--samples`` images (20 DDIM steps, the classes in turn, seed 0) scored with FID and KID against as many
training digits, as ``benchmarks/three_models.py`` scores them. One core: run under ``taskset -c N``.

    python benchmarks/diffusion_standardise.py [--steps 2315] [--samples 5000] [--sides standardised,raw]
                                               [--condition input]
"""

import argparse
import shutil
import time
from pathlib import Path

import genlab  # noqa: F401  (selects the backend)
from genlab import diffusion
from genlab.images import save_batch
from genlab.metrics.image_sets import compare_images

from mnist_scoring import print_table, real_digits, score_cells


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=2315, help="training steps per side (default: the 15-minute "
                        "point of the three-model table's run before the change)")
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--sides", default="standardised,raw")
    parser.add_argument("--condition", choices=["input", "blocks"], default="input")
    parser.add_argument("--runs", default="runs/diffusion-standardise")
    args = parser.parse_args()
    real = real_digits(args.samples)
    rows = []
    for side in args.sides.split(","):
        run = Path(args.runs) / side
        shutil.rmtree(run, ignore_errors=True)
        cpu = time.process_time()
        state = diffusion.train(run=run, steps=args.steps, seed=1, condition=args.condition,
                                standardise={"standardised": True, "raw": False}[side], report=lambda line: None)
        cpu = time.process_time() - cpu
        model = diffusion.load(run)
        generated = diffusion.generate_images(model, args.samples, seed=0)
        save_batch(run / "grid.png", generated[:100])
        scores = compare_images(generated / 255.0, real)
        rows.append([side, f"{model.data_mean[0]:.3f}, {model.data_std[0]:.3f}", f"{state['step']:,}",
                     f"{cpu:.0f}", score_cells(scores)])
        print(f"{side}: step {state['step']}, FID {scores['fid']:.2f}", flush=True)
    print_table(f"MNIST, {args.steps:,} steps each, {args.samples} samples (20 DDIM steps) vs {args.samples} "
                f"training digits; {scores['features']}",
                ["images", "mean, standard deviation", "steps", "training CPU s", "FID", "KID"], rows)


if __name__ == "__main__":
    main()
