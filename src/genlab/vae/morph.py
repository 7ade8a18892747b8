"""Morphing one image into another through latent space: decode points on the line between their codes.

The codes are the means of q(z|x) for the two images; the frames go there and back, easing in and out and
pausing on each end, so the GIF loops smoothly. The end frames are the VAE's reconstructions of the images,
not the images themselves.
"""

import numpy as np

from genlab import ranges
from genlab.images import save_gif
from genlab.types import PathLike
from genlab.vae.inputs import Spec, load_example
from genlab.vae.model import VAE
from genlab.vae.pictures import to_pixels, view_factor
from genlab.vae.trained import load

PAUSE_MS = 700


def latent_path(start: np.ndarray, end: np.ndarray, frames: int) -> np.ndarray:
    """``frames`` points from ``start`` to ``end`` (inclusive), eased so the motion starts and stops gently."""
    t = np.linspace(0.0, 1.0, frames)[:, None]
    eased = t * t * (3.0 - 2.0 * t)
    return (1.0 - eased) * start + eased * end


def morph(model: VAE | PathLike, start: Spec, end: Spec, path: PathLike | None = None, frames: int = 40,
          frame_ms: int = 50) -> np.ndarray:
    """The ``frames`` images from ``start`` to ``end`` (each an image file or ``index:N``, image N of the MNIST
    test set) as a float (frames, H, W, C) array in [0, 255], enlarged for viewing; also written to ``path`` as a
    looping GIF that plays them there and back. ``model`` is a VAE, its run folder or ``.keras`` file."""
    ranges.MORPH_FRAMES.check("a morph's frame count", frames)
    ranges.COUNT.check("the milliseconds per frame", frame_ms)
    model = load(model)
    codes = model.encode(np.stack([load_example(start, model.image_shape), load_example(end, model.image_shape)]))
    there = to_pixels(model.decode(latent_path(codes[0], codes[1], frames)), view_factor(model.image_shape))
    if path is not None:
        sequence = there + there[-2:0:-1]
        durations = [frame_ms] * len(sequence)
        durations[0] = durations[frames - 1] = PAUSE_MS
        save_gif(path, sequence, duration_ms=durations)
    return np.stack(there)
