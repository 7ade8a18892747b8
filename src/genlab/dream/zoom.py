"""The "infinite zoom" animation: dream, zoom in a little, dream again on the result, and so on."""

from collections.abc import Callable

import numpy as np

from genlab import ranges
from genlab.dream.dream import deep_dream
from genlab.images import resize


def zoom_in(image, factor):
    """The centre ``1/factor`` of ``image``, scaled back to its full size."""
    height, width = image.shape[:2]
    crop_h, crop_w = round(height / factor), round(width / factor)
    top, left = (height - crop_h) // 2, (width - crop_w) // 2
    return resize(image[top : top + crop_h, left : left + crop_w], (height, width))


def zoom_frames(image: np.ndarray, frames: int, factor: float = 1.05, steps: int = 5, seed: int | None = None,
                progress: Callable[[int], object] | None = None, **dream_options) -> list[np.ndarray]:
    """``frames`` images: each one dreamed (one octave, ``steps`` steps) on the zoomed previous one."""
    ranges.COUNT.check("frames", frames)
    ranges.ZOOM.check("the zoom factor", factor)
    current, result = image, []
    for frame in range(frames):
        dream = deep_dream(current, steps=steps, octaves=1, seed=None if seed is None else seed + frame,
                           **dream_options)
        result.append(dream.image)
        if progress:
            progress(frame)
        current = zoom_in(dream.image, factor)
    return result
