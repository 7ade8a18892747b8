"""Resampling float images of any value range: pixels in [0, 255], or a network's preprocessed input."""

import numpy as np
from PIL import Image

from genlab.errors import GenlabError


def resize(image: np.ndarray, size: tuple[int, int] | None = None, *, scale: float | None = None) -> np.ndarray:
    """``image`` (H, W, C) resampled to ``size`` = (height, width), or by ``scale`` (0.5 halves each side), as
    float32.

    Each channel is resampled as a 32-bit float Pillow image with the Lanczos filter, which also antialiases
    when shrinking. Lanczos overshoots a little at sharp edges; the result is clipped to the input's range, so
    an image in [0, 255] stays in [0, 255].
    """
    if (size is None) == (scale is None):
        raise TypeError("resize takes either a size or a scale")
    height, width, channels = image.shape
    if scale is not None:
        size = (max(1, round(height * scale)), max(1, round(width * scale)))
    new_height, new_width = size
    if new_height < 1 or new_width < 1:
        raise GenlabError(f"an image size must be positive, not {new_height}×{new_width}")
    planes = [
        np.asarray(Image.fromarray(np.ascontiguousarray(image[..., c], dtype=np.float32))
                   .resize((new_width, new_height), Image.Resampling.LANCZOS))
        for c in range(channels)
    ]
    return np.clip(np.stack(planes, axis=-1), image.min(), image.max()).astype(np.float32, copy=False)


def resize_to_height(image: np.ndarray, height: int) -> np.ndarray:
    """``image`` resampled to ``height`` rows, its width following the aspect ratio."""
    return resize(image, (height, max(1, round(image.shape[1] * height / image.shape[0]))))


def enlarge(image: np.ndarray, factor: int) -> np.ndarray:
    """``image`` (H, W, C) enlarged by the whole ``factor``, each pixel a ``factor``×``factor`` block: small
    pictures (digits, sample grids) stay crisp where resampling would blur them."""
    return image.repeat(factor, axis=0).repeat(factor, axis=1)
