"""Images from a trained diffusion model: a batch (a grid or single files), the denoising of one batch step by
step (a GIF), walks between starting noises (a GIF), and inpainting.

Every call takes the model as a run folder, its ``model.keras`` or a loaded model, and the sampling options of
:meth:`genlab.diffusion.model.DiffusionModel.generate`: ``steps`` and ``sampler`` (``ddim`` or ``dpm++``; by
default the run's), ``eta``, ``label`` and ``guidance``. A class-conditional model asked for
no class draws the classes in turn (0, 1, 2 …); ``guidance=0`` makes it unconditional.
"""

import numpy as np

from genlab import ranges
from genlab.diffusion.callbacks import grid_labels
from genlab.diffusion.model import DiffusionModel
from genlab.diffusion.trained import load
from genlab.images import contact_sheet, enlarge, save_batch, save_gif
from genlab.images.signed import signed_to_pixels
from genlab.interpolation import walk_points
from genlab.training.seeding import resolve_seed
from genlab.types import PathLike, Report


def generate_images(model: DiffusionModel | PathLike, count: int, seed: int = 0, label: int | None = None,
                    batch_size: int = 250, **options) -> np.ndarray:
    """``count`` generated images as float pixels (N, H, W, C) in [0, 255], in batches of ``batch_size`` drawn
    with seeds derived from ``seed``."""
    ranges.COUNT.check("the count", count)
    model = load(model)
    labels = grid_labels(count, model.classes) if label is None else np.full(count, label)
    if label is None and options.get("guidance", 1.0) == 0:
        labels = None
    batches = []
    for index, first in enumerate(range(0, count, batch_size)):
        size = min(batch_size, count - first)
        batch_labels = None if labels is None else labels[first : first + size]
        batch_seed = int(np.random.SeedSequence([seed, index]).generate_state(1)[0])
        batches.append(signed_to_pixels(model.generate(size, label=batch_labels, seed=batch_seed, **options)))
    return np.concatenate(batches)


def sample(model: DiffusionModel | PathLike, path: PathLike | None = None, count: int = 64, seed: int | None = None,
           report: Report = print, **options) -> np.ndarray:
    """``count`` generated images as float pixels (N, H, W, C) in [0, 255]. With ``path``, also write them: one
    grid if it ends in an image suffix, else numbered PNGs in that folder. Without a ``seed``, a fresh one is
    drawn and reported."""
    images = generate_images(model, count, resolve_seed(seed, report), **options)
    if path is not None:
        report(f"wrote {save_batch(path, images)}")
    return images


def trajectory(model: DiffusionModel | PathLike, path: PathLike | None = None, count: int = 16,
               seed: int | None = None, scale: int = 3, report: Report = print, label: int | None = None,
               **options) -> np.ndarray:
    """The denoising of ``count`` images, one frame per step: the noisy images on the left, the model's
    estimate of the clean images on the right, the final images last. A float (frames, H, W, C) array in
    [0, 255], also written to ``path`` as a GIF if given."""
    ranges.COUNT.check("the count", count)
    model = load(model)
    labels = grid_labels(count, model.classes) if label is None else label
    frames = []

    def keep(step, noisy, estimate):
        frames.append(denoising_frame(noisy, estimate, scale))

    final = model.generate(count, label=labels, seed=resolve_seed(seed, report), on_step=keep, **options)
    frames.append(denoising_frame(final, final, scale))
    if path is not None:
        save_gif(path, frames, duration_ms=[150] * (len(frames) - 1) + [2000])
        report(f"wrote {len(frames)} frames to {path}")
    return np.stack(frames)


def denoising_frame(noisy, estimate, scale: int = 3) -> np.ndarray:
    """One frame of a denoising: the noisy images (N, H, W, C) in [−1, 1] as a grid on the left, the model's
    estimate of the clean images on the right, enlarged ``scale`` times; a float image in [0, 255]."""

    def sheet(images):
        return contact_sheet(list(signed_to_pixels(np.asarray(images))), padding=1, background=0.0)

    return enlarge(contact_sheet([sheet(noisy), sheet(estimate)], padding=4, background=128.0), scale)


def interpolate(model: DiffusionModel | PathLike, path: PathLike | None = None, walks: int = 16, stops: int = 4,
                frames_between: int = 12, scale: int = 3, seed: int | None = None, report: Report = print,
                label: int | None = None, **options) -> np.ndarray:
    """The frames of ``walks`` walks side by side through the starting noise, each visiting ``stops`` random
    noises and back (spherical interpolation), every frame sampled deterministically (DDIM with eta 0, or
    DPM-Solver++), as a float (frames, H, W, C) array in [0, 255]; also written to ``path`` as a GIF if given."""
    ranges.COUNT.check("the number of walks", walks)
    ranges.Range(2, integer=True).check("the number of stops", stops)
    ranges.COUNT.check("the frames between stops", frames_between)
    model = load(model)
    options["eta"] = 0.0
    labels = grid_labels(walks, model.classes) if label is None else label
    rng = np.random.default_rng(resolve_seed(seed, report))
    frames = []
    for noise in walk_points(rng, stops, (walks, *model.image_shape), frames_between):
        images = signed_to_pixels(model.generate(walks, label=labels, noise=noise, **options))
        sheet = contact_sheet(list(images), padding=1, background=0.0)
        frames.append(enlarge(sheet, scale))
    if path is not None:
        save_gif(path, frames, duration_ms=80)
        report(f"wrote {len(frames)} frames to {path}")
    return np.stack(frames)
