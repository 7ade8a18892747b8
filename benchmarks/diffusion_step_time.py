"""Diffusion training step time for candidate U-Nets on 32×32 MNIST-like images, to choose the ``cpu`` preset.

Each candidate (widths, residual blocks per level, batch) is built as genlab's trainer builds it, then timed
on ``train_on_batch`` after a warm-up, in wall and CPU milliseconds per step and per image; the sampling cost
of one image (one U-Net call, batch 250) is timed too. Run it on one core (``taskset -c 1``).

    python benchmarks/diffusion_step_time.py [--steps 20] [--classes 10]
"""

import argparse
import time

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab.diffusion.presets import PRESETS
from genlab.diffusion.train import build_model

CANDIDATES = [  # (widths, block depth, batch)
    ((32, 64, 96, 128), 2, 64),
    ((32, 64, 96), 2, 64),
    ((32, 64, 96), 1, 64),
    ((32, 64, 96), 1, 32),
    ((16, 32, 64), 1, 64),
    ((32, 64), 2, 64),
    ((48, 96), 1, 64),
]


def timed(call, repeats):
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeats):
        call()
    return 1000 * (time.perf_counter() - wall) / repeats, 1000 * (time.process_time() - cpu) / repeats


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--classes", type=int, default=10)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print("| widths | blocks | batch | parameters | ms/step (wall) | ms/step (CPU) | ms/image (CPU) | "
          "U-Net call ms/image (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for widths, depth, batch in CANDIDATES:
        settings = dict(PRESETS["cpu"], widths=list(widths), block_depth=depth, batch_size=batch)
        images = rng.uniform(-1, 1, (batch, 32, 32, 1)).astype("float32")
        model = build_model(settings, (32, 32, 1), args.classes, 0, images)
        labels = rng.integers(0, args.classes, batch).astype("int32")
        data = (images, labels) if args.classes else images
        timed(lambda: model.train_on_batch(data), 3)
        wall, cpu = timed(lambda: model.train_on_batch(data), args.steps)
        inputs = [rng.standard_normal((250, 32, 32, 1)).astype("float32"), np.full((250, 1, 1, 1), 0.5, "float32")]
        if args.classes:
            inputs.append(np.zeros(250, "int32"))
        timed(lambda: model.averaged_network.predict_on_batch(inputs), 1)
        _, call_cpu = timed(lambda: model.averaged_network.predict_on_batch(inputs), 3)
        print(f"| {'/'.join(map(str, widths))} | {depth} | {batch} | {model.network.count_params():,} | {wall:.0f} | "
              f"{cpu:.0f} | {cpu / batch:.2f} | {call_cpu / 250:.2f} |", flush=True)


if __name__ == "__main__":
    main()
