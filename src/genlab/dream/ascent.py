"""Gradient ascent on an image through a backbone, the whole image at once or, when it is too large for
memory, tile by tile.

The loss is the book's: for each chosen layer, ``weight × sum(activation²) / size(activation)``, the sum
leaving out a 2-pixel border and the size counting the whole map. Tiling exists only to bound memory: an
image of at most ``tile × tile`` pixels is one tile, so a photo that fits costs exactly what the book's loop
costs. A larger one is cut into a grid of equal tiles, each computed with a ``HALO`` of its neighbours'
pixels around it (zeros beyond the image's edges, as the network's own padding) and only its own centre's
gradient kept, so that the tiles join without seams and every tile has the same shape: one compiled
gradient serves the whole image.

An optional random shift (``jitter``) rolls the image before each step. The book does not do it, and it
makes the dream weaker by the book's own measure (BENCHMARKS.md), but it breaks up patterns that lock onto
the network's stride grid.
"""

import math

import numpy as np
from keras import ops

from genlab.backend import value_and_input_gradient

#: Pixels of context around each tile. A wider one is not better: the dream of a 1200×800 photo in 400-px
#: tiles scored 2.89, 2.94, 2.90 and 2.85 by the book's loss with halos of 16, 32, 64 and 96 px, against 2.97
#: in one piece (the neighbours' activations, seen through a cut-off context, pull the wrong way).
HALO = 32
#: Tiles start on multiples of this many pixels, the total stride of the backbones' deepest layers, so that
#: every tile's feature grids line up with the grids of the whole image.
ALIGN = 32


def activation_loss(extractor, weights):
    """``x (1, H, W, 3) → scalar``: the weighted, border-free sum of squared activations over their size.
    Further arguments (the ascent step's size, passed along to :func:`normalised_step`) are ignored."""

    def loss(x, *_):
        features = extractor(x)
        total = 0.0
        for name, weight in weights.items():
            activation = ops.cast(features[name], "float32")
            size = ops.cast(ops.prod(ops.shape(activation)), "float32")
            total = total + weight * ops.sum(ops.square(activation[:, 2:-2, 2:-2, :])) / size
        return total

    return loss


#: The floor under the mean absolute gradient that a step divides by (keras-io's).
SMALLEST_GRADIENT = 1e-6

_gradients = {}


def normalised_step(x, value, gradient, step_size):
    """The book's ascent step: ``x`` moved by ``step_size`` along the gradient over its mean absolute value,
    computed in the book's order (a dream amplifies rounding, so another order gives another dream)."""
    gradient = gradient / ops.maximum(ops.mean(ops.abs(gradient)), SMALLEST_GRADIENT)
    return value, x + step_size * gradient


def loss_gradient(extractor, weights):
    """The compiled ``(loss and gradient, loss and ascent step)`` for these layers, built once per process and
    reused: a zoom animation dreams once per frame, and tracing anew each time would cost seconds a frame."""
    key = (id(extractor), tuple(sorted(weights.items())))
    if key not in _gradients:
        loss = activation_loss(extractor, weights)
        _gradients[key] = (extractor, value_and_input_gradient(loss),
                           value_and_input_gradient(loss, then=normalised_step))
    return _gradients[key][1:]


def tile_grid(height, width, tile):
    """``(rows, columns, tile height, tile width)``: the fewest equal tiles of at most ``tile × tile`` pixels
    (sides rounded up to a multiple of ``ALIGN``) that cover the image; one tile when the image has no more
    pixels than that."""
    if height * width <= tile * tile:
        return 1, 1, height, width
    rows, columns = math.ceil(height / tile), math.ceil(width / tile)
    return rows, columns, _aligned(math.ceil(height / rows)), _aligned(math.ceil(width / columns))


def _aligned(side):
    return math.ceil(side / ALIGN) * ALIGN


class TiledAscent:
    """One ascent step at a time on a preprocessed image (H, W, 3)."""

    def __init__(self, extractor, weights, tile=1024, jitter=0, rng=None):
        self.gradient, self.whole_step = loss_gradient(extractor, weights)
        self.tile = tile
        self.jitter = jitter
        self.rng = rng or np.random.default_rng()

    def step(self, image, step_size):
        """Move ``image`` one normalised step up the gradient; return ``(new image, loss)``."""
        if not self.jitter and tile_grid(*image.shape[:2], self.tile)[:2] == (1, 1):
            loss, stepped = self.whole_step(image[None].astype("float32", copy=False), np.float32(step_size))
            return stepped[0], float(loss)
        shift = tuple(self.rng.integers(-self.jitter, self.jitter + 1, size=2)) if self.jitter else (0, 0)
        rolled = np.roll(image, shift, axis=(0, 1)) if self.jitter else image
        loss, gradient = self.loss_and_gradient(rolled)
        if self.jitter:
            gradient = np.roll(gradient, (-shift[0], -shift[1]), axis=(0, 1))
        return image + gradient * (step_size / max(float(np.mean(np.abs(gradient))), SMALLEST_GRADIENT)), loss

    def loss_and_gradient(self, image):
        """The loss and its gradient for the whole image; for a tiled image, the loss is the tiles' mean."""
        height, width = image.shape[:2]
        rows, columns, tile_h, tile_w = tile_grid(height, width, self.tile)
        if rows == columns == 1:
            loss, gradient = self.gradient(image[None].astype("float32", copy=False))
            return float(loss), gradient[0]
        padded = np.pad(image, ((HALO, HALO + rows * tile_h - height), (HALO, HALO + columns * tile_w - width),
                                (0, 0)))
        gradient = np.empty((rows * tile_h, columns * tile_w, image.shape[2]), "float32")
        losses = []
        for top in range(0, rows * tile_h, tile_h):
            for left in range(0, columns * tile_w, tile_w):
                tile = padded[None, top : top + tile_h + 2 * HALO, left : left + tile_w + 2 * HALO]
                loss, tile_gradient = self.gradient(tile.astype("float32", copy=False))
                gradient[top : top + tile_h, left : left + tile_w] = tile_gradient[0, HALO:-HALO, HALO:-HALO]
                losses.append(float(loss))
        return float(np.mean(losses)), gradient[:height, :width]
