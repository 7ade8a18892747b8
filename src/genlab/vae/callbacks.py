"""What a VAE run does at every epoch end: one line with the −ELBO in nats per image on the training and
held-out images and its two parts, and a picture of the latent grid."""

import keras

from genlab.training.progress import epoch_label
from genlab.training.watch import EpochPicture
from genlab.vae.grid import grid_picture

GRID_SIZE = 15


class ElboReport(keras.callbacks.Callback):
    def __init__(self, steps_per_epoch, report=print):
        super().__init__()
        self.steps_per_epoch = steps_per_epoch
        self.report = report

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        step = int(self.model.optimizer.iterations)
        parts = [f"epoch {epoch_label(step, self.steps_per_epoch)}", f"step {step:,}"]
        if "neg_elbo" in logs:
            parts.append(f"train −ELBO {logs['neg_elbo']:.2f}")
        if "val_neg_elbo" in logs:
            parts.append(f"test −ELBO {logs['val_neg_elbo']:.2f} nats/image (reconstruction "
                         f"{logs['val_reconstruction']:.2f} + KL {logs['val_kl']:.2f})")
        self.report(" · ".join(parts))


class LatentGrid(EpochPicture):
    """Save ``folder/step_NNNNNN.png`` (and ``latest.png``): the decoded latent grid (see ``grid``) after each
    epoch, as a GAN run saves its samples. Only for latent spaces of at least two dimensions."""

    def __init__(self, folder, size=GRID_SIZE):
        super().__init__(lambda model: grid_picture(model, size), folder)
