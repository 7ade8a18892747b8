"""The signed pixel range of the image generators: a DCGAN's tanh and a diffusion model work in [−1, 1],
images on disk in [0, 1] or [0, 255]."""

import numpy as np


def to_signed(images):
    """Pixels in [0, 1] → [−1, 1] (the seeds fed their GAN [0, 1]: a bug)."""
    return images * 2.0 - 1.0


def signed_to_pixels(images):
    """Generated images in [−1, 1] → pixels in [0, 255] for saving (values outside are clipped)."""
    return (np.clip(np.asarray(images, dtype="float32"), -1.0, 1.0) + 1.0) * 127.5
