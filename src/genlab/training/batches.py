"""Batches of images for ResumableFit: training batches chosen by the global step alone; held-out images are
evaluated in batches of ``EVALUATION_BATCH`` (see ``genlab.training.distribution.Placement.evaluation``)."""

from functools import lru_cache

import keras
import numpy as np

EVALUATION_BATCH = 500


class ShuffledBatches:
    """``batch(step)``: the images of global step ``step``; ``images`` may also be a tuple of arrays with one row
    per image (images and their labels), whose rows are then taken together.

    Each pass over the images is a fresh permutation drawn from ``(seed, pass)``; a pass is
    ``steps_per_pass`` full batches (the few images left over are simply not in that pass). Since a batch
    depends on nothing but the step, a resumed run sees exactly the batches an uninterrupted one would.
    """

    def __init__(self, images, batch_size, seed):
        self.images = images
        self.batch_size = batch_size
        self.seed = seed
        self.count = len(keras.tree.flatten(images)[0])
        self.steps_per_pass = self.count // batch_size

    def __call__(self, step):
        pass_index, index = divmod(step, self.steps_per_pass)
        order = self._order(pass_index)
        rows = order[index * self.batch_size : (index + 1) * self.batch_size]
        return keras.tree.map_structure(lambda part: part[rows], self.images)

    @lru_cache(maxsize=2)
    def _order(self, pass_index):
        return np.random.default_rng([self.seed, pass_index]).permutation(self.count)
