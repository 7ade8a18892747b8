"""Luminance-only transfer: keep the content photo's colours, take only the style's light and shade.

The stylised image's luma (Y of YIQ) is combined with the content photo's chroma (I, Q), as in Gatys et al.,
"Preserving Color in Neural Artistic Style Transfer" (2016) and neural-style's ``-original_colors``.
"""

import numpy as np

RGB_TO_YIQ = np.array([[0.299, 0.587, 0.114], [0.596, -0.274, -0.322], [0.211, -0.523, 0.312]], "float32")
YIQ_TO_RGB = np.linalg.inv(RGB_TO_YIQ).astype("float32")


def keep_colors(stylised, content):
    """``stylised``'s luminance with ``content``'s colours (both RGB 0..255, same size)."""
    yiq = stylised @ RGB_TO_YIQ.T
    yiq[..., 1:] = (content @ RGB_TO_YIQ.T)[..., 1:]
    return np.clip(yiq @ YIQ_TO_RGB.T, 0, 255)
