"""Gatys optimisation: L-BFGS (genlab) vs the keras-io recipe, in loss evaluations and seconds.

Same backbone (VGG16), loss, content (skimage's chelsea) and style (skimage's immunohistochemistry
texture), at ``--height`` pixels. The loss is the book's with keras-io's weights (content 2.5e-8, style 1e-6,
total variation 1e-6: the scale its learning rate was tuned for). The keras-io recipe is plain gradient
descent with learning rate 100 decayed by 0.96 every 100 steps, for ``--sgd-steps`` steps (keras-io: 4000).
Then genlab's L-BFGS, as ``genlab style`` runs it (rounds of 20 evaluations), goes until its loss is at or
below the loss SGD ended at.

    python benchmarks/style_convergence.py [--height 400] [--sgd-steps 4000]
"""

import argparse
import time

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab.backbones import load_backbone
from genlab.images import load_image, resize_to_height, sample_photo
from genlab.style.gatys import GatysLoss, Weights, _lbfgs


KERAS_IO_LEARNING_RATE = 100.0
KERAS_IO_WEIGHTS = Weights(content=2.5e-8, style=1e-6, total_variation=1e-6)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--height", type=int, default=400)
    parser.add_argument("--sgd-steps", type=int, default=4000)
    parser.add_argument("--max-rounds", type=int, default=200)
    parser.add_argument("--report-every", type=int, default=500)
    args = parser.parse_args()
    network = load_backbone("vgg16")
    content = resize_to_height(load_image(sample_photo("chelsea")), args.height)
    style = resize_to_height(load_image(sample_photo("immunohistochemistry")), args.height)
    content_batch = np.asarray(network.preprocess(content[None]))
    style_batch = np.asarray(network.preprocess(style[None]))
    loss = GatysLoss(network, content_batch, [style_batch], [1.0], KERAS_IO_WEIGHTS)
    start = content_batch.astype("float64").ravel()

    loss(start)  # compile
    started = time.perf_counter()
    x = start.copy()
    for step in range(args.sgd_steps):
        value, gradient = loss(x)
        x -= KERAS_IO_LEARNING_RATE * 0.96 ** (step // 100) * gradient
        if step % args.report_every == 0:
            print(f"sgd step {step}: loss {value:.1f} ({time.perf_counter() - started:.0f} s)", flush=True)
    sgd_loss, _ = loss(x)
    sgd_seconds = time.perf_counter() - started

    loss.evaluations = 0
    started = time.perf_counter()
    x, value = start.copy(), float("inf")
    for _ in range(args.max_rounds):
        x, value = _lbfgs(loss, x, 20)
        if value <= sgd_loss:
            break
    lbfgs_seconds = time.perf_counter() - started
    print(f"\n{content.shape[1]}×{content.shape[0]}, VGG16, the book's loss with keras-io's weights:")
    print(f"keras-io SGD: {args.sgd_steps} evaluations, {sgd_seconds:.0f} s, loss {sgd_loss:.1f}")
    print(f"genlab L-BFGS: {loss.evaluations} evaluations, {lbfgs_seconds:.0f} s, loss {value:.1f} "
          f"({loss.evaluations / args.sgd_steps:.3f} of the evaluations)")


if __name__ == "__main__":
    main()
