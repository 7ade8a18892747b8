"""Morphing one image into another through latent space: decode points on the line between their codes.

The codes are the means of q(z|x) for the two images; the frames go there and back, easing in and out and
pausing on each end, so the GIF loops smoothly. The end frames are the VAE's reconstructions of the images,
not the images themselves.
"""

import numpy as np

from genlab import ranges
from genlab.images import save_gif
from genlab.vae.inputs import load_example
from genlab.vae.pictures import to_pixels, view_factor

PAUSE_MS = 700


def latent_path(start, end, frames):
    """``frames`` points from ``start`` to ``end`` (inclusive), eased so the motion starts and stops gently."""
    t = np.linspace(0.0, 1.0, frames)[:, None]
    eased = t * t * (3.0 - 2.0 * t)
    return (1.0 - eased) * start + eased * end


def morph(model, start, end, output, frames=40, frame_ms=50):
    """Write a looping GIF morphing ``start`` into ``end`` and back: image files or ``mnist:INDEX``."""
    ranges.MORPH_FRAMES.check("a morph's frame count", frames)
    ranges.COUNT.check("the milliseconds per frame", frame_ms)
    codes = model.encode(np.stack([load_example(start, model.image_shape), load_example(end, model.image_shape)]))
    there = to_pixels(model.decode(latent_path(codes[0], codes[1], frames)), view_factor(model.image_shape))
    sequence = there + there[-2:0:-1]
    durations = [frame_ms] * len(sequence)
    durations[0] = durations[frames - 1] = PAUSE_MS
    return save_gif(output, sequence, duration_ms=durations)
