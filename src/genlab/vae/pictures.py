"""Decoded images as pictures: [0, 1] → [0, 255], enlarged by whole pixels so small digits stay crisp."""

import math

from genlab.images import enlarge

VIEW_SIZE = 160
"""Frames and strips are enlarged to about this many pixels a side; MNIST's 28 become 168."""


def to_pixels(images, factor=1):
    """(N, H, W, C) in [0, 1] → a list of (H·factor, W·factor, C) arrays in [0, 255], nearest-neighbour."""
    return [enlarge(image * 255.0, factor) for image in images]


def view_factor(image_shape, size=VIEW_SIZE):
    """The whole-pixel enlargement that brings ``image_shape`` to about ``size`` pixels."""
    return max(1, math.ceil(size / max(image_shape[:2])))
