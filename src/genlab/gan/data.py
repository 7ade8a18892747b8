"""Pixel ranges: the generator's tanh works in [−1, 1], images on disk in [0, 1] or [0, 255]."""

import numpy as np


def to_tanh_range(images):
    """Pixels in [0, 1] → [−1, 1], the range of the generator's tanh (the seeds fed [0, 1]: a bug)."""
    return images * 2.0 - 1.0


def to_pixels(images):
    """Generator output in [−1, 1] → pixels in [0, 255] for saving."""
    return (np.clip(np.asarray(images, dtype="float32"), -1.0, 1.0) + 1.0) * 127.5

