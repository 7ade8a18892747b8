"""Images from a trained DCGAN: a batch (a grid or single files), or latent-space walks (a GIF)."""

from pathlib import Path

import numpy as np

from genlab import ranges
from genlab.gan.data import to_pixels
from genlab.gan.model import DCGAN
from genlab.gan.trained import load
from genlab.images import contact_sheet, save_gif, save_image
from genlab.training import resolve_seed
from genlab.types import PathLike, Report


def generate_images(model: DCGAN | PathLike, count: int, seed: int = 0, batch_size: int = 250) -> np.ndarray:
    """``count`` generated images as float pixels (N, H, W, C) in [0, 255], from normal latents."""
    model = load(model)
    latents = np.random.default_rng(seed).standard_normal((count, model.latent_dim)).astype("float32")
    return np.concatenate([to_pixels(model.generate(latents[i : i + batch_size]))
                           for i in range(0, count, batch_size)])


def sample(model: DCGAN | PathLike, path: PathLike | None = None, count: int = 64, seed: int | None = None,
           report: Report = print) -> np.ndarray:
    """``count`` generated images as float pixels (N, H, W, C) in [0, 255]. With ``path``, also write them: one
    grid if it ends in an image suffix, else numbered PNGs in that folder. ``model`` is a DCGAN, its run folder
    or ``.keras`` file. Without a ``seed``, a fresh one is drawn and reported."""
    ranges.COUNT.check("the count", count)
    images = generate_images(model, count, resolve_seed(seed, report))
    if path is None:
        return images
    path = Path(path)
    if path.suffix:
        save_image(path, contact_sheet(list(images), padding=2, background=0.0))
        report(f"wrote a grid of {count} images to {path}")
    else:
        for index, image in enumerate(images):
            save_image(path / f"{index:05d}.png", image)
        report(f"wrote {count} images to {path}/")
    return images


def interpolate(model: DCGAN | PathLike, path: PathLike | None = None, walks: int = 16, stops: int = 4,
                frames_between: int = 12, scale: int = 3, seed: int | None = None,
                report: Report = print) -> np.ndarray:
    """The frames of ``walks`` latent walks side by side, each visiting ``stops`` random points and back, as a
    float (frames, H, W, C) array in [0, 255]; also written to ``path`` as a GIF if given. ``model`` is a
    DCGAN, its run folder or ``.keras`` file.

    Points are joined by spherical interpolation, which keeps intermediate latents at the norm a Gaussian
    sample has (a straight line passes through improbably short vectors near the middle).
    """
    ranges.COUNT.check("the number of walks", walks)
    ranges.Range(2, integer=True).check("the number of stops", stops)
    ranges.COUNT.check("the frames between stops", frames_between)
    ranges.COUNT.check("the scale", scale)
    model = load(model)
    rng = np.random.default_rng(resolve_seed(seed, report))
    points = rng.standard_normal((stops, walks, model.latent_dim)).astype("float32")
    points = np.concatenate([points, points[:1]])
    frames = []
    for start, end in zip(points[:-1], points[1:]):
        for t in np.linspace(0.0, 1.0, frames_between, endpoint=False):
            images = to_pixels(model.generate(slerp(start, end, t)))
            sheet = contact_sheet(list(images), padding=1, background=0.0)
            frames.append(sheet.repeat(scale, axis=0).repeat(scale, axis=1))
    if path is not None:
        save_gif(path, frames, duration_ms=80)
        report(f"wrote {len(frames)} frames to {path}")
    return np.stack(frames)


def slerp(start: np.ndarray, end: np.ndarray, t: float) -> np.ndarray:
    """Spherical interpolation between rows of ``start`` and ``end`` at fraction ``t``."""
    unit_start = start / np.linalg.norm(start, axis=-1, keepdims=True)
    unit_end = end / np.linalg.norm(end, axis=-1, keepdims=True)
    angle = np.arccos(np.clip(np.sum(unit_start * unit_end, axis=-1, keepdims=True), -1.0, 1.0))
    sin = np.sin(angle)
    safe = sin > 1e-6
    a = np.where(safe, np.sin((1.0 - t) * angle) / np.where(safe, sin, 1.0), 1.0 - t)
    b = np.where(safe, np.sin(t * angle) / np.where(safe, sin, 1.0), t)
    return (a * start + b * end).astype("float32")
