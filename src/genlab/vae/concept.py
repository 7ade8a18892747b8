"""Concept vectors: a direction in latent space that encodes a change, found from two groups of images.

The vector is the mean code of group B minus the mean code of group A (e.g. the digits 7 minus the digits 1,
or a folder of smiling faces minus a folder of neutral ones). Adding it, times a strength, to an image's code
and decoding edits the image: strength 0 is the VAE's reconstruction, 1 moves an average member of A to an
average member of B, negative strengths push the other way.
"""

import numpy as np

from genlab import ranges
from genlab.images import contact_sheet, save_image
from genlab.vae.inputs import load_example, load_group
from genlab.vae.pictures import to_pixels, view_factor

STRENGTHS = (-2.0, -1.0, 0.0, 1.0, 2.0)


def concept_vector(model, group_a, group_b):
    """Mean code of the images ``group_b`` minus that of ``group_a`` (digit labels or folders)."""
    codes = [model.encode(load_group(group, model.image_shape)).mean(axis=0) for group in (group_a, group_b)]
    return codes[1] - codes[0]


def concept(model, group_a, group_b, output, images=None, strengths=STRENGTHS, count=6):
    """Write a PNG with one row per image: the image, then its code moved along the A→B vector at each
    strength, decoded. ``images`` are examples (files or ``mnist:INDEX``); by default the first ``count`` of A.
    """
    ranges.check_all("strength", strengths, ranges.FINITE)
    ranges.COUNT.check("the count", count)
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
    return save_image(output, sheet)
