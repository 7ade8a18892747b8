"""What training minimises, per image. The reported −ELBO is the same whichever is chosen.

- ``elbo``: exactly the negative ELBO in nats (cross-entropy summed over pixels + the full KL).
- ``book``: Deep Learning with Python's weighting, the cross-entropy *averaged* over pixels plus
  −5e-4 × the mean over latent dimensions of (1 + log σ² − μ² − σ²), i.e. 1e-3/d × KL. Against the
  cross-entropy, the KL then weighs 1e-3 × pixels / d of what it weighs in the ELBO: 0.39 for 28×28 images
  and d = 2 latent dimensions, 0.05 for d = 16. The latent space is less regularised than the ELBO asks:
  reconstructions can be sharper, but codes drift away from N(0, I), where the grid and new samples come from.
"""

import math

from keras import ops

from genlab.errors import GenlabError

BOOK_KL_FACTOR = 5e-4


def elbo_loss(images, logits, z_mean, z_log_var, reconstruction, kl):
    return reconstruction + kl


def book_loss(images, logits, z_mean, z_log_var, reconstruction, kl):
    pixel_mean = reconstruction / math.prod(images.shape[1:])
    return pixel_mean - BOOK_KL_FACTOR * ops.mean(1.0 + z_log_var - ops.square(z_mean) - ops.exp(z_log_var), axis=-1)


TRAINING_LOSSES = {"elbo": elbo_loss, "book": book_loss}


def training_loss(name):
    """The per-image loss function called ``name``."""
    if name not in TRAINING_LOSSES:
        raise GenlabError(f"unknown VAE loss {name!r}; choose {' or '.join(TRAINING_LOSSES)}")
    return TRAINING_LOSSES[name]
