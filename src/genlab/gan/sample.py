"""Images from a trained DCGAN: a grid, single files, or a latent-space walk as a GIF."""

from pathlib import Path

import numpy as np

from genlab import ranges
from genlab.gan.data import to_pixels
from genlab.gan.model import DCGAN
from genlab.gan.train import RECORD
from genlab.images import contact_sheet, save_gif, save_image
from genlab.training import resolve_seed
from genlab.training.runs import load_trained


def load(path):
    """The DCGAN saved at ``path`` (a run's ``model.keras`` or the run folder itself)."""
    return load_run(path)[0]


def load_run(path):
    """(DCGAN, the run's record) from ``path``, a run's ``model.keras`` or the run folder itself."""
    return load_trained(path, DCGAN, "GAN", RECORD)


def generate_images(model, count, seed=0, batch_size=250):
    """``count`` generated images as float pixels (N, H, W, C) in [0, 255], from normal latents."""
    latents = np.random.default_rng(seed).standard_normal((count, model.latent_dim)).astype("float32")
    return np.concatenate([to_pixels(model.generate(latents[i : i + batch_size]))
                           for i in range(0, count, batch_size)])


def sample(model_path, output, count=64, seed=None, report=print):
    """Write ``count`` images: one grid if ``output`` ends in an image suffix, else numbered PNGs in that folder."""
    ranges.COUNT.check("the count", count)
    model = load(model_path)
    images = generate_images(model, count, resolve_seed(seed, report))
    output = Path(output)
    if output.suffix:
        save_image(output, contact_sheet(list(images), padding=2, background=0.0))
        report(f"wrote a grid of {count} images to {output}")
    else:
        for index, image in enumerate(images):
            save_image(output / f"{index:05d}.png", image)
        report(f"wrote {count} images to {output}/")
    return output


def interpolate(model_path, output, walks=16, stops=4, frames_between=12, scale=3, seed=None, report=print):
    """A GIF of ``walks`` latent walks side by side, each visiting ``stops`` random points and back.

    Points are joined by spherical interpolation, which keeps intermediate latents at the norm a Gaussian
    sample has (a straight line passes through improbably short vectors near the middle).
    """
    ranges.COUNT.check("the number of walks", walks)
    ranges.Range(2, integer=True).check("the number of stops", stops)
    ranges.COUNT.check("the frames between stops", frames_between)
    ranges.COUNT.check("the scale", scale)
    model = load(model_path)
    rng = np.random.default_rng(resolve_seed(seed, report))
    points = rng.standard_normal((stops, walks, model.latent_dim)).astype("float32")
    points = np.concatenate([points, points[:1]])
    frames = []
    for start, end in zip(points[:-1], points[1:]):
        for t in np.linspace(0.0, 1.0, frames_between, endpoint=False):
            images = to_pixels(model.generate(slerp(start, end, t)))
            sheet = contact_sheet(list(images), padding=1, background=0.0)
            frames.append(sheet.repeat(scale, axis=0).repeat(scale, axis=1))
    save_gif(output, frames, duration_ms=80)
    report(f"wrote {len(frames)} frames to {output}")
    return Path(output)


def slerp(start, end, t):
    """Spherical interpolation between rows of ``start`` and ``end`` at fraction ``t``."""
    unit_start = start / np.linalg.norm(start, axis=-1, keepdims=True)
    unit_end = end / np.linalg.norm(end, axis=-1, keepdims=True)
    angle = np.arccos(np.clip(np.sum(unit_start * unit_end, axis=-1, keepdims=True), -1.0, 1.0))
    sin = np.sin(angle)
    safe = sin > 1e-6
    a = np.where(safe, np.sin((1.0 - t) * angle) / np.where(safe, sin, 1.0), 1.0 - t)
    b = np.where(safe, np.sin(t * angle) / np.where(safe, sin, 1.0), t)
    return (a * start + b * end).astype("float32")
