"""A diffusion run's picture after every epoch: a grid sampled from the run's fixed noise, one row per class."""

import numpy as np

from genlab.images import contact_sheet
from genlab.images.signed import signed_to_pixels
from genlab.training.watch import EpochPicture


def grid_labels(count, classes):
    """The class of each image in a grid of ``count``: 0, 1, … ``classes`` − 1 along each row (None: no classes)."""
    return np.arange(count) % classes if classes else None


class SampleGrid(EpochPicture):
    """Save ``folder/step_NNNNNN.png`` (and ``latest.png``): ``count`` images sampled from the same noise after
    every epoch, so that the grids of one run can be compared."""

    def __init__(self, count, classes, steps, sampler, seed, folder):
        def draw(model):
            images = model.generate(count, steps, sampler, label=grid_labels(count, classes), seed=seed)
            return contact_sheet(list(signed_to_pixels(images)), classes or int(np.ceil(np.sqrt(count))),
                                 padding=2, background=0.0)

        super().__init__(draw, folder)
