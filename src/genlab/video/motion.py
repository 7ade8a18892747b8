"""The camera's motion between two frames, as one translation found by phase correlation, and a result moved
by it. A frame's result blended into the next frame must first follow the picture, or its patterns stay where
they were on the screen while the scene moves under them: a ghost that flickers more than no blending at all
(BENCHMARKS.md, "Video")."""

import numpy as np


def _grey(image):
    return np.asarray(image, dtype=np.float32).mean(axis=-1)


def estimate_shift(previous, current):
    """(dy, dx) in whole pixels such that ``current`` ≈ ``previous`` moved down by dy and right by dx: the peak
    of the two frames' phase correlation (a Hann window keeps the frame's edges from dominating)."""
    a, b = _grey(previous), _grey(current)
    window = np.outer(np.hanning(a.shape[0]), np.hanning(a.shape[1])).astype(np.float32)
    spectrum = np.fft.rfft2(b * window) * np.conj(np.fft.rfft2(a * window))
    correlation = np.fft.irfft2(spectrum / np.maximum(np.abs(spectrum), 1e-9), s=a.shape)
    dy, dx = np.unravel_index(np.argmax(correlation), correlation.shape)
    height, width = a.shape
    return int(dy - height if dy > height // 2 else dy), int(dx - width if dx > width // 2 else dx)


def moved(image, shift, fill):
    """``image`` moved by ``shift`` (dy, dx); the strips it uncovers are taken from ``fill`` (same shape)."""
    dy, dx = shift
    result = np.array(fill, dtype=np.float32, copy=True)
    height, width = image.shape[:2]
    if abs(dy) >= height or abs(dx) >= width:
        return result
    rows_to, rows_from = slice(max(dy, 0), height + min(dy, 0)), slice(max(-dy, 0), height + min(-dy, 0))
    columns_to, columns_from = slice(max(dx, 0), width + min(dx, 0)), slice(max(-dx, 0), width + min(-dx, 0))
    result[rows_to, columns_to] = image[rows_from, columns_from]
    return result
