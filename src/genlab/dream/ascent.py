"""Gradient ascent on an image through a backbone, the whole image at once or, when it is too large for
memory, tile by tile.

The loss is the book's: for each chosen layer, ``weight × sum(activation²) / size(activation)``, the sum
leaving out a 2-pixel border and the size counting the whole map. Tiling exists only to bound memory: an
image of at most ``tile × tile`` pixels is one tile, so a photo that fits costs exactly what the book's loop
costs. A larger one is cut into a grid of equal tiles. Each tile is computed in a window: the tile with up
to ``HALO`` pixels of its neighbours around it, never reaching past the image, so that at the image's edges the
network pads every layer with zeros as it does on the whole image. A window scores only the activations that
lie on its own tile — the tile's share of the whole image's loss — and its gradient, halo included, is added
into the image's: the activations in a halo belong to the neighbouring tiles, which see them with their
context. The shares add up to the whole image's loss, and the gradients to its gradient, wherever the halo
holds the context an activation depends on. Windows start on the network's stride grid, and all but those at
the bottom and right edges have one shape, so that a few compiled gradients serve the whole image.

An optional random shift (``jitter``) rolls the image before each step. The book does not do it, and it
makes the dream weaker by the book's own measure (BENCHMARKS.md), but it breaks up patterns that lock onto
the network's stride grid.
"""

import math

import numpy as np
from keras import ops

from genlab.backend import value_and_input_gradient

#: Pixels of context around each tile, a multiple of ``ALIGN`` so that every window starts on the stride grid.
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


def tile_share_loss(extractor, weights):
    """``window (1, h, w, 3), origin, begin, end, extent → scalar``: a tile's share of the whole image's loss.
    The four arguments are (row, column) pairs of int32 in the image's pixels: the window's first pixel, the
    tile's first pixel and the one after its last, and the image's height and width. Only the activations on
    the tile and inside the whole image's map without its 2-cell border count, each over the size of the whole
    image's map."""
    strides = layer_strides(extractor)

    def loss(window, origin, begin, end, extent):
        features = extractor(window)
        total = 0.0
        for name, weight in weights.items():
            activation = ops.cast(features[name], "float32")
            stride = strides[name]
            rows, height = _owned_cells(activation.shape[1], stride, origin[0], begin[0], end[0], extent[0])
            columns, width = _owned_cells(activation.shape[2], stride, origin[1], begin[1], end[1], extent[1])
            owned = ops.cast(ops.logical_and(rows[:, None], columns[None, :]), "float32")[None, :, :, None]
            size = ops.cast(height * width * activation.shape[3], "float32")
            total = total + weight * ops.sum(ops.square(activation) * owned) / size
        return total

    return loss


def layer_strides(extractor, probe=4 * ALIGN):
    """Each output's total stride: how many input pixels one of its cells spans along a side."""
    shapes = extractor.compute_output_shape((1, probe, probe, 3))
    return {name: probe // shape[1] for name, shape in shapes.items()}


def _owned_cells(cells, stride, origin, begin, end, image_side):
    """Along one axis of a window whose first pixel is the image's ``origin``: which of its ``cells`` feature
    positions lie on the tile [``begin``, ``end``) and inside the whole image's map without its 2-cell border;
    and the length of the whole image's map."""
    position = origin + ops.arange(cells) * stride
    index = position // stride
    whole = (image_side + stride - 1) // stride
    on_tile = ops.logical_and(position >= begin, position < end)
    return ops.logical_and(on_tile, ops.logical_and(index >= 2, index < whole - 2)), whole


#: The floor under the mean absolute gradient that a step divides by (keras-io's).
SMALLEST_GRADIENT = 1e-6

_gradients = {}


def normalised_step(x, value, gradient, step_size):
    """The book's ascent step: ``x`` moved by ``step_size`` along the gradient over its mean absolute value,
    computed in the book's order (a dream amplifies rounding, so another order gives another dream)."""
    gradient = gradient / ops.maximum(ops.mean(ops.abs(gradient)), SMALLEST_GRADIENT)
    return value, x + step_size * gradient


def loss_gradient(extractor, weights):
    """The compiled ``(loss and gradient, loss and ascent step, tile share and gradient)`` for these layers,
    built once per process and reused: a zoom animation dreams once per frame, and tracing anew each time would
    cost seconds a frame."""
    key = (id(extractor), tuple(sorted(weights.items())))
    if key not in _gradients:
        loss = activation_loss(extractor, weights)
        _gradients[key] = (extractor, value_and_input_gradient(loss),
                           value_and_input_gradient(loss, then=normalised_step),
                           value_and_input_gradient(tile_share_loss(extractor, weights)))
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
        self.gradient, self.whole_step, self.tile_share = loss_gradient(extractor, weights)
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
        _, stepped = normalised_step(ops.convert_to_tensor(image), loss, ops.convert_to_tensor(gradient), step_size)
        return ops.convert_to_numpy(stepped), loss

    def loss_and_gradient(self, image):
        """The loss and its gradient for the whole image; for a tiled image, the sum of the tiles' shares."""
        height, width = image.shape[:2]
        rows, columns, tile_h, tile_w = tile_grid(height, width, self.tile)
        image = image.astype("float32", copy=False)
        if rows == columns == 1:
            loss, gradient = self.gradient(image[None])
            return float(loss), gradient[0]
        gradient = np.zeros_like(image)
        extent = np.array([height, width], "int32")
        loss = 0.0
        for top, bottom, tile_top, tile_bottom in _windows(height, tile_h):
            for left, right, tile_left, tile_right in _windows(width, tile_w):
                share, window_gradient = self.tile_share(
                    image[None, top:bottom, left:right], np.array([top, left], "int32"),
                    np.array([tile_top, tile_left], "int32"), np.array([tile_bottom, tile_right], "int32"), extent)
                gradient[top:bottom, left:right] += window_gradient[0]
                loss += float(share)
        return loss, gradient


def _windows(side, tile):
    """Along one axis: ``(window start, window end, tile start, tile end)`` for each tile. A window reaches
    ``HALO`` pixels past its tile but not past the image; the first reaches further into the image instead, to
    the size of the middle ones."""
    for start in range(0, side, tile):
        low = max(start - HALO, 0)
        yield low, min(max(start + tile + HALO, low + tile + 2 * HALO), side), start, min(start + tile, side)
