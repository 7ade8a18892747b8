"""The DCGAN as one Keras model: a generator, a discriminator, and the adversarial loss between them.

One forward pass serves both players. The discriminator is scored on real images and on generated images
whose gradient is stopped (so its loss cannot move the generator); the generator is scored by the same
discriminator run with its weights held constant (``stop_gradient`` on every weight — what the seeds meant by
``discriminator.trainable = False``, on any backend). Keras then takes one gradient of the summed loss and
``TwoPlayerRMSprop`` applies each player's learning rate, so the whole step is an ordinary compiled
``train_step``. Both players therefore move at once from the same position (simultaneous updates), where the
seeds' loop updated the discriminator first.

Images come from an *averaged* generator: an exponential moving average of the generator's weights over the
training steps (``average`` is its momentum; 0 turns it off). GAN training oscillates, and the average of
the recent generators is a better and steadier generator than the latest one (Yazıcı et al., "The Unusual
Effectiveness of Averaging in GAN Training", ICLR 2019). Training itself never sees it.
"""

import keras
import numpy as np
from keras import ops

from genlab.gan.networks import build_discriminator, build_generator
from genlab.precision import dtype_policy
from genlab.training.averaging import average_mover

METRICS = ("d_loss", "g_loss", "d_real", "d_fake")


@keras.saving.register_keras_serializable(package="genlab")
class DCGAN(keras.Model):
    """``call(real_images)`` returns the discriminator's logits and noisy targets; ``generate(z)`` images in [−1, 1]."""

    def __init__(self, architecture: str, latent_dim: int, image_shape: tuple[int, int, int], dropout: float = 0.4,
                 label_noise: float = 0.05, average: float = 0.995,
                 precision: str = "float32", seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.architecture = architecture
        self.latent_dim = latent_dim
        self.image_shape = tuple(image_shape)
        self.dropout = dropout
        self.label_noise = label_noise
        self.average = average
        self.precision = precision
        with dtype_policy(precision):
            self.generator = build_generator(architecture, latent_dim, self.image_shape)
            self.averaged_generator = build_generator(architecture, latent_dim, self.image_shape,
                                                      name="averaged_generator")
            self.discriminator = build_discriminator(architecture, self.image_shape, dropout)
        self.averaged_generator.trainable = False
        self.averaged_generator.set_weights(self.generator.get_weights())
        self._move_average = average_mover(self.averaged_generator.weights, self.generator.weights, average)
        self.noise = keras.random.SeedGenerator(seed)
        self.trackers = {name: keras.metrics.Mean(name=name) for name in METRICS}

    def generate(self, latents: np.ndarray):
        """Images in [−1, 1] from the averaged generator."""
        return ops.cast(self.averaged_generator(latents, training=False), "float32")

    def update_average(self):
        """Move the averaged generator towards the live one, after an optimizer step (see
        :func:`genlab.training.averaging.average_mover`)."""
        self._move_average(self.optimizer.iterations.value)

    def call(self, real, training=False):
        batch = ops.shape(real)[0]
        fake = self.generator(keras.random.normal((batch, self.latent_dim), seed=self.noise), training=training)
        jitter = self.label_noise * keras.random.uniform((2, batch, 1), seed=self.noise)
        return {
            "real": self.discriminator(real, training=training),
            "fake": self.discriminator(ops.stop_gradient(fake), training=training),
            "fooled": self._held_discriminator(fake, training),
            "real_target": 1.0 - jitter[0],
            "fake_target": jitter[1],
        }

    def _held_discriminator(self, images, training):
        """The discriminator's logits with its weights treated as constants (gradients reach ``images`` only)."""
        held = [ops.stop_gradient(variable) for variable in self.discriminator.trainable_variables]
        state = [variable.value for variable in self.discriminator.non_trainable_variables]
        logits, state = self.discriminator.stateless_call(held, state, images, training=training)
        for variable, value in zip(self.discriminator.non_trainable_variables, state):
            variable.assign(value)  # the dropout seed moves on, as after an ordinary call
        return logits

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        def cross_entropy(targets, logits):
            return ops.mean(ops.binary_crossentropy(targets, logits, from_logits=True))

        # The seeds trained the discriminator on real and fake images in one batch: the mean of both halves.
        d_loss = 0.5 * (cross_entropy(y_pred["real_target"], y_pred["real"])
                        + cross_entropy(y_pred["fake_target"], y_pred["fake"]))
        g_loss = cross_entropy(ops.ones_like(y_pred["fooled"]), y_pred["fooled"])
        self.trackers["d_loss"].update_state(d_loss)
        self.trackers["g_loss"].update_state(g_loss)
        self.trackers["d_real"].update_state(ops.mean(ops.sigmoid(y_pred["real"])))
        self.trackers["d_fake"].update_state(ops.mean(ops.sigmoid(y_pred["fake"])))
        return d_loss + g_loss

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        return {name: tracker.result() for name, tracker in self.trackers.items()}

    @property
    def metrics(self):
        return list(self.trackers.values())

    def get_config(self):
        return {"name": self.name, "architecture": self.architecture, "latent_dim": self.latent_dim,
                "image_shape": list(self.image_shape), "dropout": self.dropout, "label_noise": self.label_noise,
                "average": self.average, "precision": self.precision}

    @classmethod
    def from_config(cls, config):
        return cls(**config)
