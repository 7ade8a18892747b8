"""Fewer steps: FID of one trained diffusion network's images at 5, 10, 20 and 50 steps of DDIM and DPM-Solver++.

The same network (a run folder, e.g. the one ``benchmarks/diffusion_vs_keras_io.py`` trains) draws
``--samples`` images per row, its classes in turn at guidance 1, from the same starting noises (seed 0); each
row is scored with FID and KID on MobileNetV2 features against the same real training digits
(``genlab diffusion evaluate``'s). Images per second is the sampling alone, on this process's cores
(run under ``taskset -c 1`` for one core), CPU seconds beside it.

With ``--clip off,on`` each row is drawn both ways: without and with the clean-image estimates clipped to
[−1, 1] at every step.

    python benchmarks/diffusion_samplers.py RUN [--samples 5000] [--steps 5,10,20,50] [--clip off]
"""

import argparse
import time

import genlab  # noqa: F401  (selects the backend)
from genlab import diffusion
from genlab.datasets import load_generator_images
from genlab.metrics.image_sets import compare_images

from diffusion_vs_keras_io import DIGITS_SEED
from mnist_scoring import real_digits, score_cells


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="a trained diffusion run folder")
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--steps", default="5,10,20,50")
    parser.add_argument("--samplers", default="ddim,dpm++")
    parser.add_argument("--clip", default="off", help="off, on, or off,on")
    args = parser.parse_args()
    load_generator_images()  # warm the dataset cache before timing
    real = real_digits(args.samples, DIGITS_SEED)
    model = diffusion.load(args.run)
    diffusion.generate_images(model, 8, seed=0, steps=2)  # trace the network once, outside the timings
    print(f"{args.run}: {args.samples} samples per row vs {args.samples} real training digits, classes in turn, "
          "guidance 1")
    print("| sampler | steps | clipped | FID | KID | images/s | CPU ms/image |")
    print("|---|---|---|---|---|---|---|")
    for sampler in args.samplers.split(","):
        for steps in (int(part) for part in args.steps.split(",")):
            for clip in args.clip.split(","):
                wall, cpu = time.monotonic(), time.process_time()
                generated = diffusion.generate_images(model, args.samples, seed=0, steps=steps, sampler=sampler,
                                                      clip=clip == "on")
                wall, cpu = time.monotonic() - wall, time.process_time() - cpu
                scores = compare_images(generated / 255.0, real)
                print(f"| {sampler} | {steps} | {clip} | {score_cells(scores)} | {args.samples / wall:.1f} | "
                      f"{1000 * cpu / args.samples:.1f} |", flush=True)


if __name__ == "__main__":
    main()
