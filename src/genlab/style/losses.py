"""Gatys et al.'s losses (Deep Learning with Python, 8.3), written with ``keras.ops``.

The style normaliser comes in two forms. The book's, ``4 × channels² × size²`` with ``channels = 3`` and
``size`` = the image's pixel count for every layer, is kept as the default so that the book's weights
reproduce its results; it ignores that the feature maps have 64–512 channels at five resolutions. The
paper's normalises each layer by its own channel count N and map size M: ``4 × N² × M²``.
"""

from keras import ops


def gram_matrix(features):
    """``F Fᵀ`` of one (H, W, C) feature map flattened to (C, H·W): channel co-activations, in float32
    (sums of this size lose too much in bfloat16)."""
    features = ops.cast(features, "float32")
    flat = ops.reshape(ops.transpose(features, (2, 0, 1)), (ops.shape(features)[2], -1))
    return ops.matmul(flat, ops.transpose(flat))


def content_loss(target, generated):
    return ops.sum(ops.square(ops.cast(generated, "float32") - target))


def style_loss(target_gram, generated, normaliser):
    return ops.sum(ops.square(target_gram - gram_matrix(generated))) / normaliser


def book_normaliser(image_height, image_width):
    return 4.0 * 3**2 * float(image_height * image_width) ** 2


def layer_normaliser(features_shape):
    height, width, channels = features_shape
    return 4.0 * float(channels) ** 2 * float(height * width) ** 2


def total_variation_loss(image):
    """``sum((a + b)^1.25)`` with a, b the squared differences to the lower and right neighbours."""
    a = ops.square(image[:, :-1, :-1, :] - image[:, 1:, :-1, :])
    b = ops.square(image[:, :-1, :-1, :] - image[:, :-1, 1:, :])
    return ops.sum(ops.power(a + b, 1.25))
