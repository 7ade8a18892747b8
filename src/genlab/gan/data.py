"""Real images for the discriminator, as a pure function of the training step (so resumes are exact)."""

import numpy as np


def to_tanh_range(images):
    """Pixels in [0, 1] → [−1, 1], the range of the generator's tanh (the seeds fed [0, 1]: a bug)."""
    return images * 2.0 - 1.0


def to_pixels(images):
    """Generator output in [−1, 1] → pixels in [0, 255] for saving."""
    return (np.clip(np.asarray(images, dtype="float32"), -1.0, 1.0) + 1.0) * 127.5


class RealBatches:
    """``batch(step)``: ``batch_size`` images, walking through a fresh shuffle of the data on every pass."""

    def __init__(self, images, batch_size, seed):
        self.images = to_tanh_range(np.asarray(images, dtype="float32"))
        self.batch_size = min(batch_size, len(self.images))
        self.seed = seed
        self.steps_per_pass = len(self.images) // self.batch_size

    def __call__(self, step):
        epoch, index = divmod(step, self.steps_per_pass)
        order = np.random.default_rng([self.seed, epoch]).permutation(len(self.images))
        return self.images[order[index * self.batch_size : (index + 1) * self.batch_size]]
