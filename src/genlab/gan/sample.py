"""Images from a trained DCGAN: a batch (a grid or single files), or latent-space walks (a GIF)."""

import numpy as np

from genlab import ranges
from genlab.gan.model import DCGAN
from genlab.gan.trained import load
from genlab.images import contact_sheet, enlarge, save_batch, save_gif
from genlab.images.signed import signed_to_pixels
from genlab.interpolation import walk_points
from genlab.training.seeding import resolve_seed
from genlab.types import PathLike, Report


def generate_images(model: DCGAN | PathLike, count: int, seed: int = 0, batch_size: int = 250) -> np.ndarray:
    """``count`` generated images as float pixels (N, H, W, C) in [0, 255], from normal latents."""
    model = load(model)
    latents = latent_points(model.latent_dim, count, seed)
    return np.concatenate([signed_to_pixels(model.generate(latents[i : i + batch_size]))
                           for i in range(0, count, batch_size)])


def latent_points(latent_dim: int, count: int, seed: int) -> np.ndarray:
    """The ``count`` latent points (count, latent_dim) that :func:`generate_images` draws for ``seed``: row
    ``i`` is the same whatever the count."""
    return np.random.default_rng(seed).standard_normal((count, latent_dim)).astype("float32")


def walk_around(model: DCGAN | PathLike, seed: int, index: int, path: PathLike | None = None, frames: int = 24,
                radius: float = 0.5, scale: int = 4) -> np.ndarray:
    """A loop through the neighbourhood of image ``index`` of ``generate_images(model, count, seed)``: its latent
    point moved round a circle of ``radius`` (in units of the latent norm) in a random plane, ``frames`` frames
    that start and end on the image, as a float (frames, H, W, C) array in [0, 255]; also written to ``path``
    as a looping GIF if given. ``model`` is a DCGAN, its run folder or ``.keras`` file."""
    ranges.Range(0, integer=True).check("the image index", index)
    ranges.Range(2, integer=True).check("the frame count", frames)
    ranges.POSITIVE.check("the radius", radius)
    model = load(model)
    centre = latent_points(model.latent_dim, index + 1, seed)[index]
    directions = np.linalg.qr(np.random.default_rng([seed, index]).standard_normal((model.latent_dim, 2)))[0].T
    angles = np.linspace(0.0, 2.0 * np.pi, frames, endpoint=False)[:, None]
    reach = radius * np.linalg.norm(centre)
    latents = centre + reach * ((np.cos(angles) - 1.0) * directions[0] + np.sin(angles) * directions[1])
    images = [enlarge(image, scale) for image in signed_to_pixels(model.generate(latents.astype("float32")))]
    if path is not None:
        save_gif(path, images, duration_ms=80)
    return np.stack(images)


def sample(model: DCGAN | PathLike, path: PathLike | None = None, count: int = 64, seed: int | None = None,
           report: Report = print) -> np.ndarray:
    """``count`` generated images as float pixels (N, H, W, C) in [0, 255]. With ``path``, also write them: one
    grid if it ends in an image suffix, else numbered PNGs in that folder. ``model`` is a DCGAN, its run folder
    or ``.keras`` file. Without a ``seed``, a fresh one is drawn and reported."""
    ranges.COUNT.check("the count", count)
    images = generate_images(model, count, resolve_seed(seed, report))
    if path is None:
        return images
    report(f"wrote {save_batch(path, images)}")
    return images


def interpolate(model: DCGAN | PathLike, path: PathLike | None = None, walks: int = 16, stops: int = 4,
                frames_between: int = 12, scale: int = 3, seed: int | None = None,
                report: Report = print) -> np.ndarray:
    """The frames of ``walks`` latent walks side by side, each visiting ``stops`` random points and back, as a
    float (frames, H, W, C) array in [0, 255]; also written to ``path`` as a GIF if given. ``model`` is a
    DCGAN, its run folder or ``.keras`` file.

    Points are joined by spherical interpolation (:func:`genlab.interpolation.slerp`).
    """
    ranges.COUNT.check("the number of walks", walks)
    ranges.Range(2, integer=True).check("the number of stops", stops)
    ranges.COUNT.check("the frames between stops", frames_between)
    ranges.COUNT.check("the scale", scale)
    model = load(model)
    rng = np.random.default_rng(resolve_seed(seed, report))
    frames = []
    for latents in walk_points(rng, stops, (walks, model.latent_dim), frames_between):
        sheet = contact_sheet(list(signed_to_pixels(model.generate(latents))), padding=1, background=0.0)
        frames.append(enlarge(sheet, scale))
    if path is not None:
        save_gif(path, frames, duration_ms=80)
        report(f"wrote {len(frames)} frames to {path}")
    return np.stack(frames)

