"""From any Pillow image mode to a float32 array in [0, 255] with one (gray) or three (RGB) channels.

Pillow's own conversions are right for most modes (CMYK, YCbCr, palette, 1-bit …), with two exceptions
handled here:

- 16-bit gray (``I;16*``, and ``I``, the mode Pillow gives 16-bit PGM files) would be *clipped* at 255 by
  ``convert("L")``, turning most of the image white; it is scaled instead, 65535 → 255.
- Transparent pixels (RGBA, LA, PA, or a palette, gray or RGB image with a transparent colour) keep whatever
  colour lies under zero alpha, often black. They are composited over white, the background that image viewers
  and browsers show, so a logo on a transparent background looks here as it looks to the person who chose it.
"""

import numpy as np
from PIL import Image

SIXTEEN_BIT_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I"})
GRAY_MODES = frozenset({"1", "L", "F"})
LUMA = np.array([0.299, 0.587, 0.114], np.float32)  # ITU-R 601-2, the weights of Pillow's convert("L")


def to_array(image: Image.Image) -> np.ndarray:
    """``image`` as float32 (H, W, C) in [0, 255]: C = 1 for gray, bilevel and 16-bit modes, else 3 (RGB)."""
    if image.mode in SIXTEEN_BIT_MODES:
        return (np.clip(np.asarray(image, dtype=np.float32), 0, 65535) / 257)[..., None]
    if image.has_transparency_data:
        rgba = np.asarray(image.convert("RGBA"), dtype=np.float32)
        alpha = rgba[..., 3:] / 255
        return rgba[..., :3] * alpha + 255 * (1 - alpha)
    if image.mode in GRAY_MODES:
        return np.asarray(image.convert("L"), dtype=np.float32)[..., None]
    return np.asarray(image.convert("RGB"), dtype=np.float32)


def with_channels(image: np.ndarray, channels: int) -> np.ndarray:
    """``image`` (H, W, 1 or 3) with ``channels`` channels: gray is repeated, colour becomes its luma."""
    if image.shape[-1] == channels:
        return image
    if channels == 3:
        return np.repeat(image, 3, axis=-1)
    return np.clip(image @ LUMA, 0, 255)[..., None]
