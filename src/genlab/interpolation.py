"""Walks between Gaussian points (a GAN's latents, a diffusion model's starting noise)."""

import numpy as np


def slerp(start: np.ndarray, end: np.ndarray, t: float) -> np.ndarray:
    """Spherical interpolation between rows of ``start`` and ``end`` at fraction ``t``.

    It keeps intermediate points at the norm a Gaussian sample has; a straight line passes through improbably
    short vectors near the middle.
    """
    unit_start = start / np.linalg.norm(start, axis=-1, keepdims=True)
    unit_end = end / np.linalg.norm(end, axis=-1, keepdims=True)
    angle = np.arccos(np.clip(np.sum(unit_start * unit_end, axis=-1, keepdims=True), -1.0, 1.0))
    sin = np.sin(angle)
    safe = sin > 1e-6
    a = np.where(safe, np.sin((1.0 - t) * angle) / np.where(safe, sin, 1.0), 1.0 - t)
    b = np.where(safe, np.sin(t * angle) / np.where(safe, sin, 1.0), t)
    return (a * start + b * end).astype("float32")


def walk_points(rng: np.random.Generator, stops: int, shape: tuple, frames_between: int):
    """The points of closed walks that visit ``stops`` random Gaussian points of ``shape`` and come back,
    ``frames_between`` per leg, joined by :func:`slerp`. The first axis of ``shape`` counts walks made side by side;
    each walk's point is the rest of ``shape``, taken as one vector."""
    points = rng.standard_normal((stops, shape[0], int(np.prod(shape[1:])))).astype("float32")
    points = np.concatenate([points, points[:1]])
    for start, end in zip(points[:-1], points[1:]):
        for t in np.linspace(0.0, 1.0, frames_between, endpoint=False):
            yield slerp(start, end, t).reshape(shape)
