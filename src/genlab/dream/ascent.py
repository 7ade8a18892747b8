"""Gradient ascent on an image through a backbone, tile by tile, with a random shift each step.

The loss is the book's: for each chosen layer, ``weight × sum(activation²) / size(activation)`` with a
2-pixel border left out. The image is rolled by a random offset before each step (so tile seams and the
network's stride grid never sit at the same place twice, and no fixed-pattern artefacts build up) and
padded by reflection to whole tiles: every tile has the same shape, one compiled gradient serves the whole
image, and memory stays bounded whatever the photo's size.
"""

import numpy as np
from keras import ops

from genlab.backend import value_and_input_gradient


def activation_loss(extractor, weights):
    """``x (1, H, W, 3) → scalar``: the weighted, border-free mean of squared activations."""

    def loss(x):
        features = extractor(x)
        total = 0.0
        for name, weight in weights.items():
            activation = features[name][:, 2:-2, 2:-2, :]
            size = ops.cast(ops.prod(ops.shape(activation)), "float32")
            total = total + weight * ops.sum(ops.square(ops.cast(activation, "float32"))) / size
        return total

    return loss


_gradients = {}


def loss_gradient(extractor, weights):
    """The compiled loss-and-gradient for these layers, built once per process and reused: a zoom
    animation dreams once per frame, and tracing the gradient anew each time would cost seconds a frame."""
    key = (id(extractor), tuple(sorted(weights.items())))
    if key not in _gradients:
        _gradients[key] = (extractor, value_and_input_gradient(activation_loss(extractor, weights)))
    return _gradients[key][1]


class TiledAscent:
    """One ascent step at a time on a preprocessed image (H, W, 3)."""

    def __init__(self, extractor, weights, tile=512, jitter=32, rng=None):
        self.gradient = loss_gradient(extractor, weights)
        self.tile = tile
        self.jitter = jitter
        self.rng = rng or np.random.default_rng()

    def step(self, image, step_size):
        """Move ``image`` one normalised step up the gradient; return ``(new image, loss)``."""
        shift = self.rng.integers(-self.jitter, self.jitter + 1, size=2) if self.jitter else np.zeros(2, int)
        rolled = np.roll(image, tuple(shift), axis=(0, 1))
        loss, gradient = self._tiled_gradient(rolled)
        gradient = np.roll(gradient, tuple(-shift), axis=(0, 1))
        gradient /= max(float(np.mean(np.abs(gradient))), 1e-7)
        return image + step_size * gradient, loss

    def _tiled_gradient(self, image):
        height, width = image.shape[:2]
        tile_h, tile_w = min(self.tile, height), min(self.tile, width)
        padded_h, padded_w = -(-height // tile_h) * tile_h, -(-width // tile_w) * tile_w
        padded = np.pad(image, ((0, padded_h - height), (0, padded_w - width), (0, 0)), mode="reflect")
        gradient = np.zeros_like(padded)
        losses = []
        for top in range(0, padded_h, tile_h):
            for left in range(0, padded_w, tile_w):
                tile = padded[None, top : top + tile_h, left : left + tile_w]
                loss, tile_gradient = self.gradient(tile.astype("float32"))
                gradient[top : top + tile_h, left : left + tile_w] = tile_gradient[0]
                losses.append(float(loss))
        return float(np.mean(losses)), gradient[:height, :width]
