"""Temporal consistency for a fast style network, learnt without video or optical flow.

A clip's next frame is nearly this one moved a little. A network whose output moves with its input does not
flicker, so training compares the stylisation of a slightly shifted, scaled and rotated crop with the same
motion applied to the crop's stylisation (the remedy of Gupta et al. 2017 and of ReCoNet, Gao et al. 2018,
with known motions standing in for optical flow). The motions are drawn with the crops, from the step, so a
resumed run sees the same ones.
"""

import numpy as np
from keras import ops

#: The largest motion drawn: degrees of rotation, relative change of scale, pixels of shift.
ROTATION, SCALE, SHIFT = 2.0, 0.03, 4.0


def small_motions(rng, count, size):
    """``count`` random motions of a ``size``×``size`` square about its centre, as the (count, 8) projective
    transforms of ``keras.ops.image.affine_transform`` (each maps an output pixel to where it is read)."""
    angle = np.radians(rng.uniform(-ROTATION, ROTATION, count))
    scale = 1.0 + rng.uniform(-SCALE, SCALE, count)
    shift = rng.uniform(-SHIFT, SHIFT, (count, 2))
    cos, sin = np.cos(angle) / scale, np.sin(angle) / scale
    centre = (size - 1) / 2.0
    motions = np.zeros((count, 8), "float32")
    motions[:, 0], motions[:, 1], motions[:, 3], motions[:, 4] = cos, -sin, sin, cos
    motions[:, 2] = centre - cos * centre + sin * centre + shift[:, 0]
    motions[:, 5] = centre - sin * centre - cos * centre + shift[:, 1]
    return motions


def inconsistency(network, photos, stylised, motions):
    """Mean squared difference (pixels 0..255) between the stylised moved photos and the moved stylisations,
    away from the borders, where the moved photo shows the fill and the network sees past the crop."""
    moved_then_stylised = network(ops.image.affine_transform(photos, motions))
    stylised_then_moved = ops.image.affine_transform(stylised, motions)
    margin = ops.shape(photos)[1] // 6
    difference = (moved_then_stylised - stylised_then_moved)[:, margin:-margin, margin:-margin]
    return ops.mean(ops.square(difference))
