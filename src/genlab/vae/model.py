"""The variational autoencoder as one Keras model: encoder, reparameterised sample, decoder, and its loss.

``fit`` uses Keras' own training step; this model supplies ``compute_loss``, which also keeps the
per-image −ELBO and its two parts as metrics (``neg_elbo``, ``reconstruction``, ``kl``; ``val_…`` on the
held-out set). ``loss`` is whatever the chosen weighting minimises; ``neg_elbo`` is always the true
−ELBO in nats per image.
"""

import keras
import numpy as np
from keras import ops

from genlab.errors import GenlabError
from genlab.metrics.elbo import neg_elbo_nats
from genlab.training.distribution import predict_evenly
from genlab.vae.losses import training_loss
from genlab.vae.networks import build_networks, check_image_shape
from genlab.vae.sampling import LatentSample

PREDICT_BATCH = 500


@keras.saving.register_keras_serializable(package="genlab")
class VAE(keras.Model):
    """A convolutional VAE for (H, W, C) images in [0, 1] with a ``latent_dim``-dimensional Gaussian code.

    ``loss`` names the training weighting (``elbo`` or ``book``, see ``genlab.vae.losses``); ``precision``
    is ``float32`` or ``mixed_bfloat16`` for the encoder and decoder; ``seed`` seeds the sampling noise.
    """

    def __init__(self, image_shape: tuple[int, int, int] = (28, 28, 1), latent_dim: int = 2, loss: str = "elbo",
                 precision: str = "float32", seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        check_image_shape(image_shape)
        if latent_dim < 1:
            raise GenlabError(f"the latent dimension must be at least 1, not {latent_dim}")
        self.image_shape = tuple(image_shape)
        self.latent_dim = latent_dim
        self.loss_name = loss
        self.precision = precision
        self.seed = seed
        self.training_loss = training_loss(loss)
        self.encoder, self.decoder = build_networks(self.image_shape, latent_dim, precision)
        self.sampler = LatentSample(seed, name="sampler")
        self.neg_elbo_tracker = keras.metrics.Mean(name="neg_elbo")
        self.reconstruction_tracker = keras.metrics.Mean(name="reconstruction")
        self.kl_tracker = keras.metrics.Mean(name="kl")

    def call(self, images, training=False):
        """(decoder logits for one sampled z, z_mean, z_log_var): everything the loss needs."""
        z_mean, z_log_var = self.encoder(images, training=training)
        z = self.sampler(z_mean, z_log_var, training=training)
        return self.decoder(z, training=training), z_mean, z_log_var

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        logits, z_mean, z_log_var = y_pred
        neg_elbo, reconstruction, kl = neg_elbo_nats(x, logits, z_mean, z_log_var)
        self.neg_elbo_tracker.update_state(neg_elbo)
        self.reconstruction_tracker.update_state(reconstruction)
        self.kl_tracker.update_state(kl)
        return ops.mean(self.training_loss(x, logits, z_mean, z_log_var, reconstruction, kl))

    def encode(self, images: np.ndarray) -> np.ndarray:
        """The mean of q(z|x) for each image (N, H, W, C) in [0, 1]: where it sits in latent space, (N, latent)."""
        self._check_images(images)
        z_mean, _ = predict_evenly(self.encoder, np.asarray(images, "float32"), PREDICT_BATCH)
        return z_mean

    def decode(self, z: np.ndarray) -> np.ndarray:
        """Images (N, H, W, C) in [0, 1] for latent points ``z`` (N, latent): the decoder's probabilities."""
        logits = predict_evenly(self.decoder, np.asarray(z, "float32"), PREDICT_BATCH)
        return ops.convert_to_numpy(ops.sigmoid(logits))

    def get_config(self):
        return {"name": self.name, "image_shape": list(self.image_shape), "latent_dim": self.latent_dim,
                "loss": self.loss_name, "precision": self.precision, "seed": self.seed}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def _check_images(self, images):
        if tuple(np.shape(images)[1:]) != self.image_shape:
            raise GenlabError(f"this VAE takes {'×'.join(map(str, self.image_shape))} images, not "
                              f"{'×'.join(map(str, np.shape(images)[1:]))}")
