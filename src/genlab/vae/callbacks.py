"""One line per epoch: the −ELBO in nats per image on the training and held-out images, and its two parts."""

import keras

from genlab.training.progress import epoch_label


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
