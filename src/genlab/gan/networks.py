"""Generator and discriminator architectures, for ``height`` × ``width`` × ``channels`` images.

The book's networks are the seeds' (SPEC.md §5) for any size divisible by 16; ``small`` is the CPU preset's,
for sizes divisible by 4. The discriminator ends in a logit (the sigmoid lives in the loss, for stability).
"""

import keras
from keras import layers

from genlab.errors import GenlabError


def build_generator(architecture, latent_dim, shape, name="generator"):
    height, width, channels = shape
    latent = keras.Input((latent_dim,), name="latent")
    if architecture == "book":
        _check_divisible(shape, 16)
        x = _leaky(layers.Dense(128 * (height // 2) * (width // 2))(latent))
        x = layers.Reshape((height // 2, width // 2, 128))(x)
        x = _leaky(layers.Conv2D(256, 5, padding="same")(x))
        x = _leaky(layers.Conv2DTranspose(256, 4, strides=2, padding="same")(x))
        x = _leaky(layers.Conv2D(256, 5, padding="same")(x))
        x = _leaky(layers.Conv2D(256, 5, padding="same")(x))
        image = layers.Conv2D(channels, 7, padding="same", activation="tanh")(x)
    elif architecture == "small":
        _check_divisible(shape, 4)
        x = _leaky(layers.Dense(128 * (height // 4) * (width // 4))(latent), 0.2)
        x = layers.Reshape((height // 4, width // 4, 128))(x)
        x = _leaky(layers.Conv2DTranspose(128, 4, strides=2, padding="same")(x), 0.2)
        x = _leaky(layers.Conv2DTranspose(64, 4, strides=2, padding="same")(x), 0.2)
        image = layers.Conv2D(channels, 5, padding="same", activation="tanh")(x)
    else:
        raise GenlabError(f"unknown GAN architecture {architecture!r}")
    return keras.Model(latent, image, name=name)


def build_discriminator(architecture, shape, dropout):
    image = keras.Input(shape, name="image")
    if architecture == "book":
        x = _leaky(layers.Conv2D(128, 3)(image))
        for _ in range(3):
            x = _leaky(layers.Conv2D(128, 4, strides=2)(x))
    elif architecture == "small":
        x = _leaky(layers.Conv2D(64, 4, strides=2, padding="same")(image), 0.2)
        x = _leaky(layers.Conv2D(128, 4, strides=2, padding="same")(x), 0.2)
    else:
        raise GenlabError(f"unknown GAN architecture {architecture!r}")
    x = layers.Dropout(dropout)(layers.Flatten()(x))
    return keras.Model(image, layers.Dense(1, dtype="float32")(x), name="discriminator")  # logits in float32


def _leaky(x, slope=0.3):
    """LeakyReLU; 0.3 is the seeds' (Keras' default) slope, 0.2 the DCGAN paper's."""
    return layers.LeakyReLU(slope)(x)


def _check_divisible(shape, factor):
    if shape[0] % factor or shape[1] % factor:
        raise GenlabError(f"this GAN needs image sides divisible by {factor}, got {shape[0]}×{shape[1]} "
                          f"(choose --image-size accordingly)")
