"""Fast style transfer vs Gatys at the same size: seconds per image, and each output's Gatys losses.

A network from ``genlab style train-fast`` stylises skimage's chelsea at ``--height`` pixels in one pass;
Gatys' optimisation (the book's schedule: 20 rounds of at most 20 evaluations, VGG16, the book's loss)
stylises the same photo with the same style image. Both results are then scored with the book's content and
style losses (lower is closer), so the speed-up is set against what it costs in fidelity.

    python benchmarks/fast_style.py RUN STYLE_IMAGE [--height 512] [--rounds 20] [--no-gatys] [--save DIR]

``--no-gatys`` scores the network alone (Gatys' row takes some 20 minutes and does not change with the network);
``--save`` writes the stylised images there as PNG.
"""

import argparse
import time
from pathlib import Path

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab.backbones import load_backbone
from genlab.images import load_image, resize_to_height, sample_photo, save_image
from genlab.style import Weights, transfer
from genlab.style.fast import apply_fast, load_fast
from genlab.style.gatys import GatysLoss


def scores(network, content, style, image):
    """The book's content and style terms of ``image`` (with the other terms' weights set to zero)."""
    batch = lambda picture: np.asarray(network.preprocess(picture[None]))  # noqa: E731
    x = batch(image).astype("float64").ravel()
    content_only = GatysLoss(network, batch(content), [batch(style)], [1.0], Weights(0.025, 0.0, 0.0))(x)[0]
    style_only = GatysLoss(network, batch(content), [batch(style)], [1.0], Weights(0.0, 1.0, 0.0))(x)[0]
    return content_only, style_only


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("style")
    parser.add_argument("--height", type=int, default=512)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--no-gatys", action="store_true", help="score the network alone")
    parser.add_argument("--save", type=Path, help="folder for the stylised images")
    args = parser.parse_args()
    content = resize_to_height(load_image(sample_photo("chelsea")), args.height)
    style = load_image(args.style if Path(args.style).exists() else sample_photo(args.style))
    net = load_fast(args.model)
    apply_fast(net, content)
    started = time.perf_counter()
    fast = apply_fast(net, content)
    fast_seconds = time.perf_counter() - started
    results = [("fast (apply)", fast, fast_seconds)]
    if not args.no_gatys:
        started = time.perf_counter()
        results.append(("Gatys L-BFGS", transfer(content, [style], height=args.height, rounds=args.rounds).image,
                        time.perf_counter() - started))
    network = load_backbone("vgg16")
    style_resized = resize_to_height(style, args.height)
    print(f"{content.shape[1]}×{content.shape[0]}:")
    for name, image, seconds in results:
        content_loss, style_loss = scores(network, content, style_resized, image)
        print(f"{name}: {seconds:.2f} s, content loss {content_loss:.4g}, style loss {style_loss:.4g}")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            save_image(args.save / f"{name.split()[0].lower()}.png", image)
    if len(results) == 2:
        print(f"speed-up: {results[1][2] / fast_seconds:,.0f}×")


if __name__ == "__main__":
    main()
