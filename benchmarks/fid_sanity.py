"""FID/KID sanity: real MNIST test digits against real training digits (near 0) and noise against them (large).

    python benchmarks/fid_sanity.py [--samples 5000] [--size 128]
"""

import argparse

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab.datasets import load_mnist
from genlab.metrics.image_distances import frechet_distance, kernel_distance
from genlab.metrics.image_features import feature_name, pooled_features


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--size", type=int, default=128)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    train = load_mnist("train").padded_to(32, 32).images
    test = load_mnist("test").padded_to(32, 32).images
    order = rng.permutation(len(train))
    sets = {
        "real test digits": test[rng.permutation(len(test))[: args.samples]],
        "other real training digits": train[order[args.samples : 2 * args.samples]],
        "uniform noise": rng.random((args.samples, 32, 32, 1)).astype("float32"),
        "blank images": np.zeros((args.samples, 32, 32, 1), "float32") + rng.random((args.samples, 1, 1, 1)) * 1e-3,
    }
    reference = pooled_features(train[order[: args.samples]], args.size, progress=False)
    print(f"\nFID/KID against {args.samples} real MNIST training digits ({feature_name(args.size)}):")
    print("| images | FID | KID |")
    print("|---|---|---|")
    for name, images in sets.items():
        features = pooled_features(images, args.size, progress=False)
        kid, kid_std = kernel_distance(features, reference)
        print(f"| {args.samples} {name} | {frechet_distance(features, reference):.2f} | {kid:.4f} ± {kid_std:.4f} |",
              flush=True)


if __name__ == "__main__":
    main()
