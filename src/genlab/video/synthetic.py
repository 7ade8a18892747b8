"""Clips with a known camera motion, made from a photo: a slow pan with shapes moving across it. No video ships
with Python packages here, so the tests and the flicker benchmark make their own; knowing the pan, the
flicker a technique adds can be told apart from the motion (:mod:`genlab.metrics.flicker`)."""

import math

import numpy as np

from genlab.images import resize
from genlab.video.write import write_clip

#: Shapes crossing the picture: (radius as a fraction of the height, RGB, start x and y as fractions, velocity
#: in pixels per frame).
SHAPES = ((0.12, (230, 40, 40), 0.1, 0.3, (3, 1)), (0.08, (40, 90, 230), 0.8, 0.7, (-2, -1)))


def pan_frames(photo, frames, size=(640, 360), pan=2, shapes=True):
    """``frames`` frames of ``size`` (width, height) looking at ``photo`` through a window that moves ``pan``
    pixels right per frame (the picture moves left), with coloured discs crossing it unless ``shapes`` is
    False. One frame at a time."""
    width, height = size
    scale = max(height / photo.shape[0], (width + pan * (frames - 1)) / photo.shape[1])
    scene = resize(photo, (math.ceil(photo.shape[0] * scale), math.ceil(photo.shape[1] * scale)))
    top = (scene.shape[0] - height) // 2
    scene = scene[top:top + height]
    rows, columns = np.mgrid[0:height, 0:width]
    for index in range(frames):
        frame = scene[:, index * pan:index * pan + width].copy()
        for radius, colour, x, y, (dx, dy) in (SHAPES if shapes else ()):
            centre_x, centre_y = x * width + dx * index, y * height + dy * index
            disc = (columns - centre_x) ** 2 + (rows - centre_y) ** 2 <= (radius * height) ** 2
            frame[disc] = colour
        yield frame


def write_pan_clip(photo, path, frames=48, size=(640, 360), fps=24, pan=2, shapes=True):
    """Write :func:`pan_frames` to ``path`` (MP4, or a folder of frames) at ``fps``; return ``path``."""
    return write_clip(path, pan_frames(photo, frames, size, pan, shapes), fps)
