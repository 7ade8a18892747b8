"""The book's denoising U-Net (chapter 17, after keras-io's "Denoising Diffusion Implicit Models").

noisy images (H, W, C) and their noise variances → the predicted noise (H, W, C).

- The noise variance enters as a sinusoidal embedding (``embedding_dim`` values, frequencies 1 to 1000),
  repeated over the image and joined to a 1×1 convolution of the images. With ``classes``, a learned class
  embedding joins it the same way; class ``classes`` (one past the last) is "no class", which classifier-free
  guidance trains with and samples against.
- Down the U: at each width but the last, ``block_depth`` residual blocks (their outputs kept as skips), then
  2×2 average pooling. At the bottom, ``block_depth`` residual blocks at the last width. Up the U: bilinear
  doubling, then per skip, concatenation and a residual block.
- A residual block: BatchNorm without centre or scale → 3×3 convolution with swish → 3×3 convolution, added
  to its input (through a 1×1 convolution where the width changes).
- ``condition="blocks"`` (not the book's) also adds a per-block projection of the noise and class embeddings
  after each block's first convolution, as DDPM's U-Net (Ho et al. 2020) does with its time embedding: every
  level then knows the noise level and the class directly, instead of through the input alone.
- The output is a 1×1 convolution initialised to zeros: an untrained network predicts no noise.

Images need sides divisible by 2^(len(widths) − 1).
"""

import math

import keras
from keras import layers, ops

from genlab.choices import CONDITIONS
from genlab.errors import GenlabError

BOOK_WIDTHS = (32, 64, 96, 128)
EMBEDDING_DIM = 32
MAX_FREQUENCY = 1000.0


@keras.saving.register_keras_serializable(package="genlab")
class SinusoidalEmbedding(layers.Layer):
    """(batch, 1, 1, 1) noise variances → (batch, 1, 1, ``dim``): sines and cosines at ``dim / 2`` frequencies
    spaced geometrically from 1 to ``max_frequency``."""

    def __init__(self, dim=EMBEDDING_DIM, max_frequency=MAX_FREQUENCY, **kwargs):
        super().__init__(**kwargs)
        self.dim, self.max_frequency = dim, max_frequency

    def call(self, variances):
        frequencies = ops.exp(ops.linspace(0.0, math.log(self.max_frequency), self.dim // 2))
        angles = 2.0 * math.pi * ops.cast(frequencies, variances.dtype) * variances
        return ops.concatenate([ops.sin(angles), ops.cos(angles)], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.dim)

    def get_config(self):
        return {**super().get_config(), "dim": self.dim, "max_frequency": self.max_frequency}


def check_image_shape(image_shape, widths=BOOK_WIDTHS):
    height, width, channels = image_shape
    multiple = 2 ** (len(widths) - 1)
    if height % multiple or width % multiple:
        raise GenlabError(f"this U-Net needs image sides divisible by {multiple}, not {height}×{width}")
    if channels not in (1, 3):
        raise GenlabError(f"images must have 1 (grey) or 3 (colour) channels, not {channels}")


# The class embedding starts at the scale of the noise level's sines and cosines. At Keras' default (uniform
# ±0.05) its channels were lost beside them: after 10,000 steps on MNIST the ten classes' rows had shrunk
# together and guidance 3 drew the requested digit 9 % of the time, as often as chance.
CLASS_EMBEDDING_STDDEV = 1.0


def residual_block(x, width, condition=None):
    """The book's residual block; ``condition`` (batch, 1, 1, n), if given, is projected to ``width`` and added
    after the first convolution."""
    residual = x if x.shape[-1] == width else layers.Conv2D(width, 1)(x)
    x = layers.BatchNormalization(center=False, scale=False)(x)
    x = layers.Conv2D(width, 3, padding="same", activation="swish")(x)
    if condition is not None:
        x = layers.Add()([x, layers.Dense(width)(condition)])
    x = layers.Conv2D(width, 3, padding="same")(x)
    return layers.Add()([x, residual])


def build_unet(image_shape, widths=BOOK_WIDTHS, block_depth=2, classes=0, embedding_dim=EMBEDDING_DIM,
               condition="input"):
    """The U-Net as a functional model: inputs ``[images, noise_variances]`` (plus ``labels``, integers in
    [0, ``classes``], with ``classes``) → predicted noise. ``condition`` is ``"input"`` (the book) or
    ``"blocks"``."""
    check_image_shape(image_shape, widths)
    if condition not in CONDITIONS:
        raise GenlabError(f"unknown conditioning {condition!r}; choose one of {', '.join(CONDITIONS)}")
    height, width, channels = image_shape
    images = keras.Input(image_shape, name="images")
    variances = keras.Input((1, 1, 1), name="noise_variances")
    inputs = [images, variances]
    embeddings = [SinusoidalEmbedding(embedding_dim)(variances)]
    if classes:
        labels = keras.Input((), dtype="int32", name="labels")
        inputs.append(labels)
        start = keras.initializers.RandomNormal(stddev=CLASS_EMBEDDING_STDDEV)
        class_embedding = layers.Embedding(classes + 1, embedding_dim, embeddings_initializer=start)
        embeddings.append(layers.Reshape((1, 1, embedding_dim))(class_embedding(labels)))
    x = layers.Concatenate()([layers.Conv2D(widths[0], 1)(images)]
                             + [layers.UpSampling2D((height, width))(embedding) for embedding in embeddings])
    condition = None if condition == "input" else \
        layers.Dense(4 * embedding_dim, activation="swish")(layers.Concatenate()(embeddings))
    skips = []
    for level_width in widths[:-1]:
        for _ in range(block_depth):
            x = residual_block(x, level_width, condition)
            skips.append(x)
        x = layers.AveragePooling2D(2)(x)
    for _ in range(block_depth):
        x = residual_block(x, widths[-1], condition)
    for level_width in reversed(widths[:-1]):
        x = layers.UpSampling2D(2, interpolation="bilinear")(x)
        for _ in range(block_depth):
            x = residual_block(layers.Concatenate()([x, skips.pop()]), level_width, condition)
    noise = layers.Conv2D(channels, 1, kernel_initializer="zeros", dtype="float32", name="noise")(x)
    return keras.Model(inputs, noise, name="unet")
