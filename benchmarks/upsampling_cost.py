"""What bilinear doubling costs a fast style network: one network's weights applied with bilinear and with
nearest-neighbour doubling, alternately in one process, to skimage's chelsea at ``--height`` pixels.

    python benchmarks/upsampling_cost.py MODEL.keras [--height 512] [--repeats 5]
"""

import argparse
import time

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab.images import load_image, resize_to_height, sample_photo
from genlab.style.fast import apply_fast, load_fast
from genlab.style.transform_net import TransformNet


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--height", type=int, default=512)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    image = resize_to_height(load_image(sample_photo("chelsea")), args.height)
    trained = load_fast(args.model)
    nets = {}
    for interpolation in ("bilinear", "nearest"):
        nets[interpolation] = TransformNet(trained.width, trained.residual_blocks, interpolation)
        nets[interpolation](image[None, :64, :64])
        nets[interpolation].set_weights(trained.get_weights())
        apply_fast(nets[interpolation], image)
    seconds = {name: [] for name in nets}
    for _ in range(args.repeats):
        for name, net in nets.items():
            started = time.perf_counter()
            apply_fast(net, image)
            seconds[name].append(time.perf_counter() - started)
    for name, times in seconds.items():
        print(f"{name}: median {np.median(times):.3f} s per {image.shape[1]}×{image.shape[0]} image")


if __name__ == "__main__":
    main()
