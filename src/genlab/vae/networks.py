"""The encoder and decoder of Deep Learning with Python's VAE, for images of any even height and width.

Encoder: Conv2D(32) → Conv2D(64, stride 2) → Conv2D(64) → Conv2D(64) → Flatten → Dense(32) → (z_mean,
z_log_var). Decoder: Dense(H/2·W/2·64) → Reshape → Conv2DTranspose(32, stride 2) → Conv2D(channels). All
kernels are 3×3 with "same" padding and ReLU, except the outputs. The decoder's output is logits, not
probabilities: the cross-entropy is computed from logits (exact and stable), and a sigmoid turns them into an
image only when one is shown. The seed's decoder applied its first Dense layer to the wrong tensor; here the
Dense output is what gets reshaped.

Under ``mixed_bfloat16`` the convolutions run in bfloat16 while the outputs (z_mean, z_log_var, logits) stay
float32, so the loss is computed in float32.
"""

import keras
from keras import layers

from genlab.errors import GenlabError
from genlab.precision import dtype_policy

MIN_SIDE = 8


def check_image_shape(image_shape):
    """Refuse shapes the architecture cannot reproduce: one stride-2 step needs even sides."""
    height, width, channels = image_shape
    if height < MIN_SIDE or width < MIN_SIDE:
        raise GenlabError(f"images of {height}×{width} pixels are too small for the VAE; use at least "
                          f"{MIN_SIDE}×{MIN_SIDE}")
    if height % 2 or width % 2:
        raise GenlabError(f"the VAE needs an even image height and width, not {height}×{width}")
    if channels not in (1, 3):
        raise GenlabError(f"images must have 1 (grey) or 3 (colour) channels, not {channels}")


def build_networks(image_shape, latent_dim, precision="float32"):
    """(encoder, decoder) with their layers in the dtype policy ``precision``."""
    with dtype_policy(precision):
        return build_encoder(image_shape, latent_dim), build_decoder(image_shape, latent_dim)


def build_encoder(image_shape, latent_dim):
    """images (H, W, C) in [0, 1] → (z_mean, z_log_var), each (latent_dim,)."""
    images = keras.Input(image_shape, name="images")
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(images)
    x = layers.Conv2D(64, 3, strides=2, padding="same", activation="relu")(x)
    x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(32, activation="relu")(x)
    z_mean = layers.Dense(latent_dim, name="z_mean", dtype="float32")(x)
    z_log_var = layers.Dense(latent_dim, name="z_log_var", dtype="float32")(x)
    return keras.Model(images, [z_mean, z_log_var], name="encoder")


def build_decoder(image_shape, latent_dim):
    """z (latent_dim,) → logits (H, W, C) of each pixel being on."""
    height, width, channels = image_shape
    z = keras.Input((latent_dim,), name="z")
    x = layers.Dense(height // 2 * width // 2 * 64, activation="relu")(z)
    x = layers.Reshape((height // 2, width // 2, 64))(x)
    x = layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu")(x)
    logits = layers.Conv2D(channels, 3, padding="same", name="logits", dtype="float32")(x)
    return keras.Model(z, logits, name="decoder")
