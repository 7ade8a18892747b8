"""What a DCGAN run does besides the adversarial step, at every epoch end: a sample grid from fixed latents and
a watch on the discriminator. (The averaged generator moves after every step: training.averaging.)"""

import keras
import numpy as np

from genlab.images.signed import signed_to_pixels
from genlab.images import contact_sheet
from genlab.training.watch import EpochPicture


def fixed_latents(latent_dim, count, seed):
    """The same ``count`` latent vectors for a run's whole life, so its sample grids can be compared."""
    return np.random.default_rng([seed, 7]).standard_normal((count, latent_dim)).astype("float32")


def sample_grid(model, latents, columns=None):
    """Images generated from ``latents``, laid out as one float (H, W, C) sheet in [0, 255]."""
    images = signed_to_pixels(model.generate(latents))
    return contact_sheet(list(images), columns or int(np.ceil(np.sqrt(len(images)))), padding=2, background=0.0)


class SampleGrid(EpochPicture):
    """Save ``folder/step_NNNNNN.png`` (and ``latest.png``) from the run's fixed latents after each epoch."""

    def __init__(self, latents, folder):
        super().__init__(lambda model: sample_grid(model, latents), folder)


class DiscriminatorWatch(keras.callbacks.Callback):
    """Warn, with the seeds' advice, when the discriminator has won: it tells real from fake almost surely."""

    def __init__(self, report=print, confidence=0.95, patience=2):
        super().__init__()
        self.report = report
        self.confidence = confidence
        self.patience = patience
        self.streak = 0

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        winning = logs.get("d_real", 0.5) > self.confidence and logs.get("d_fake", 0.5) < 1.0 - self.confidence
        self.streak = self.streak + 1 if winning else 0
        if self.streak == self.patience:
            self.report(f"warning: the discriminator is winning (D(real) {logs['d_real']:.3f}, D(fake) "
                        f"{logs['d_fake']:.3f}, generator loss {logs.get('g_loss', float('nan')):.2f}); the "
                        "generator gets no useful gradient. Lower the discriminator's learning rate "
                        "(--d-learning-rate) or raise its dropout (--dropout), then start again or --resume.")
