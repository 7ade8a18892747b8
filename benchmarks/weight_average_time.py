"""What moving the weight average costs after each training step: genlab's one compiled call
(:func:`genlab.training.averaging.average_mover`) against the eager loop over the weights that genlab ran until
2026-12-07 (a few eager operations per variable), for the diffusion and DCGAN ``cpu`` presets' networks on
MNIST. Each is timed over 50 updates after one warm-up update. Run it on one core:

    taskset -c 1 python benchmarks/weight_average_time.py
"""

import time

import numpy as np
from keras import ops

import genlab  # noqa: F401  (selects the backend)
from genlab.diffusion.presets import resolve_settings as diffusion_settings
from genlab.diffusion.train import build_model as build_diffusion
from genlab.gan.presets import resolve_settings as gan_settings
from genlab.gan.train import build_model as build_gan


def eager_move(averaged, live, momentum, step):
    """genlab's update until 2026-12-07: the same arithmetic, operation by operation, variable by variable."""
    step = ops.cast(step, "float32")
    rate = ops.minimum(momentum, (1.0 + step) / (10.0 + step))
    for average, weight in zip(averaged, live):
        average.assign(rate * average + (1.0 - rate) * weight)


def milliseconds(update, repeats=50):
    update()
    started = time.perf_counter()
    for _ in range(repeats):
        update()
    return 1000 * (time.perf_counter() - started) / repeats


def main():
    images = np.zeros((32, 32, 32, 1), "float32")
    diffusion = build_diffusion(diffusion_settings("cpu", {}), (32, 32, 1), 10, 1, images)
    gan = build_gan(gan_settings("cpu", {}), (28, 28, 1), 1)
    print("| network | weights | eager loop ms/update | genlab ms/update |\n|---|---|---|---|")
    for name, model, averaged, live in [
            ("diffusion cpu U-Net", diffusion, diffusion.averaged_network, diffusion.network),
            ("DCGAN cpu generator", gan, gan.averaged_generator, gan.generator)]:
        eager = milliseconds(lambda: eager_move(averaged.weights, live.weights, model.average,
                                                model.optimizer.iterations))
        print(f"| {name} | {len(live.weights)} | {eager:.1f} | {milliseconds(model.update_average):.1f} |")


if __name__ == "__main__":
    main()
