"""Concept vectors: a direction in latent space that encodes a change, found from two groups of images.

The vector is the mean code of group B minus the mean code of group A (e.g. the digits 7 minus the digits 1,
``label:7`` and ``label:1``, or a folder of smiling faces minus a folder of neutral ones). Adding it, times a
strength, to an image's code and decoding edits the image: strength 0 is the VAE's reconstruction, 1 moves an
average member of A to an average member of B, negative strengths push the other way.
"""

from collections.abc import Sequence

import numpy as np

from genlab import ranges
from genlab.images import contact_sheet, save_image
from genlab.types import PathLike
from genlab.vae.inputs import Spec, load_example, load_group
from genlab.vae.model import VAE
from genlab.vae.pictures import to_pixels, view_factor
from genlab.vae.trained import load

STRENGTHS = (-2.0, -1.0, 0.0, 1.0, 2.0)


def concept_vector(model: VAE | PathLike, group_a: Spec, group_b: Spec) -> np.ndarray:
    """Mean code of the images ``group_b`` minus that of ``group_a`` (each a folder, or ``label:D`` for the MNIST
    test digits labelled D). ``model`` is a VAE, its run folder or ``.keras`` file."""
    model = load(model)
    codes = [model.encode(load_group(group, model.image_shape)).mean(axis=0) for group in (group_a, group_b)]
    return codes[1] - codes[0]


def concept(model: VAE | PathLike, group_a: Spec, group_b: Spec, path: PathLike | None = None,
            images: Sequence[Spec] | None = None, strengths: Sequence[float] = STRENGTHS,
            count: int = 6) -> np.ndarray:
    """A strip with one row per image: the image, then its code moved along the A→B vector (see
    :func:`concept_vector`) at each strength, decoded; a float (H, W, C) image in [0, 255], also written to
    ``path`` (PNG) if given. ``images`` are examples (image files or ``index:N``); by default the first
    ``count`` of A. ``model`` is a VAE, its run folder or ``.keras`` file.
    """
    ranges.check_all("strength", strengths, ranges.FINITE)
    ranges.COUNT.check("the count", count)
    model = load(model)
    vector = concept_vector(model, group_a, group_b)
    if images:
        originals = np.stack([load_example(spec, model.image_shape) for spec in images])
    else:
        originals = load_group(group_a, model.image_shape)[:count]
    codes = model.encode(originals)
    moved = codes[:, None, :] + np.asarray(strengths, "float32")[None, :, None] * vector
    edited = model.decode(moved.reshape(-1, model.latent_dim)).reshape(len(originals), len(strengths), *model.image_shape)
    rows = np.concatenate([originals[:, None], edited], axis=1).reshape(-1, *model.image_shape)
    factor = max(1, view_factor(model.image_shape) // 2)
    titles = ["image", *(f"{strength:+g}" if strength else "0 (recon.)" for strength in strengths)]
    sheet = contact_sheet(to_pixels(rows, factor), columns=len(strengths) + 1, padding=4, background=128.0,
                          titles=titles)
    if path is not None:
        save_image(path, sheet)
    return sheet
