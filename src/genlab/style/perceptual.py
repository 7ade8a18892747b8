"""The perceptual losses that train a fast style network: ``loss(photos, stylised)`` for batches of RGB 0..255
images, against one style image, through a frozen VGG16.

``book`` (the default) is the loss Gatys' optimisation minimises (Deep Learning with Python, 8.3): content at
``block5_conv2``, style at the first layer of each of the five blocks with the book's normaliser, and total
variation, with the book's weights. The content and total-variation terms are sums over pixels, so they are
scaled from the crop to a ``REFERENCE_PIXELS`` photo: a network trained on 192-px crops then strikes the balance
that Gatys strikes on a photo 512 pixels high, which is how both are scored (``benchmarks/fast_style.py``).

``johnson`` is Johnson, Alahi & Fei-Fei's (2016): content as the mean squared difference of ``block2_conv2``
features, style as mean squared differences of Gram matrices normalised by each map's C·H·W at
``block1_conv2``, ``block2_conv2``, ``block3_conv3`` and ``block4_conv3``.
"""

import numpy as np
from keras import ops

from genlab.style.gatys import CONTENT_LAYER as BOOK_CONTENT
from genlab.style.gatys import STYLE_LAYERS as BOOK_STYLE
from genlab.style.losses import content_loss, total_variation_loss

#: The photo size, in pixels, whose balance of content and style a ``book`` loss keeps (512 × 768).
REFERENCE_PIXELS = 512 * 768
JOHNSON_CONTENT = "block2_conv2"
JOHNSON_STYLE = ("block1_conv2", "block2_conv2", "block3_conv3", "block4_conv3")
#: Every VGG16 layer either loss reads.
LAYERS = tuple(dict.fromkeys([JOHNSON_CONTENT, *JOHNSON_STYLE, BOOK_CONTENT["vgg16"], *BOOK_STYLE["vgg16"]]))


def normalised_grams(features):
    """Gram matrices of a batch of maps (N, H, W, C), divided by C·H·W: (N, C, C)."""
    return mean_grams(features) / ops.cast(ops.shape(features)[3], "float32")


def mean_grams(features):
    """Gram matrices of a batch of maps (N, H, W, C), divided by H·W: (N, C, C)."""
    features = ops.cast(features, "float32")
    shape = ops.shape(features)
    flat = ops.reshape(features, (shape[0], -1, shape[3]))
    return ops.matmul(ops.transpose(flat, (0, 2, 1)), flat) / ops.cast(shape[1] * shape[2], "float32")


class JohnsonLoss:
    def __init__(self, network, style_image, content_weight=1.0, style_weight=5.0, tv_weight=0.01):
        self.network = network
        self.extractor = network.feature_extractor([JOHNSON_CONTENT, *JOHNSON_STYLE])
        self.weights = (content_weight, style_weight, tv_weight)
        style_maps = self.extractor(network.preprocess(np.asarray(style_image, "float32")[None]))
        self.style_grams = [np.asarray(normalised_grams(style_maps[name])) for name in JOHNSON_STYLE]

    def __call__(self, photos, stylised):
        content_weight, style_weight, tv_weight = self.weights
        target = self.extractor(self.network.preprocess(photos))[JOHNSON_CONTENT]
        features = self.extractor(self.network.preprocess(stylised))
        content = ops.mean(ops.square(ops.cast(features[JOHNSON_CONTENT], "float32") - ops.cast(target, "float32")))
        style = sum(ops.mean(ops.square(normalised_grams(features[name]) - gram))
                    for name, gram in zip(JOHNSON_STYLE, self.style_grams))
        pixels = ops.cast(ops.prod(ops.shape(stylised)), "float32")
        smoothness = total_variation_loss(stylised) / pixels
        return content_weight * content + style_weight * style + tv_weight * smoothness


class BookLoss:
    """Gatys' loss as the book writes it for one image, averaged over the batch, content and total variation
    scaled to ``REFERENCE_PIXELS``. The style term of a layer is ``Σ(G − G_style)² / (4·3²·(H·W)²)`` with Gram
    matrices summed over the layer's h·w positions, which is ``(h·w / H·W)² · Σ(g − g_style)² / 36`` with ``g``
    the mean over positions: the same at any crop size."""

    def __init__(self, network, style_image, content_weight=0.025, style_weight=1.0, tv_weight=1e-4):
        self.network = network
        self.content_layer, self.style_layers = BOOK_CONTENT["vgg16"], BOOK_STYLE["vgg16"]
        self.extractor = network.feature_extractor([self.content_layer, *self.style_layers])
        self.weights = (content_weight, style_weight, tv_weight)
        style_maps = self.extractor(network.preprocess(np.asarray(style_image, "float32")[None]))
        self.style_grams = [np.asarray(mean_grams(style_maps[name])) for name in self.style_layers]

    def __call__(self, photos, stylised):
        content_weight, style_weight, tv_weight = self.weights
        shape = ops.shape(stylised)
        batch, pixels = ops.cast(shape[0], "float32"), ops.cast(shape[1] * shape[2], "float32")
        target = self.extractor(self.network.preprocess(photos))[self.content_layer]
        features = self.extractor(self.network.preprocess(stylised))
        content = content_loss(ops.cast(target, "float32"), features[self.content_layer])
        style = 0.0
        for name, gram in zip(self.style_layers, self.style_grams):
            maps = features[name]
            share = ops.cast(ops.shape(maps)[1] * ops.shape(maps)[2], "float32") / pixels
            style = style + share**2 * ops.sum(ops.square(mean_grams(maps) - gram)) / (36.0 * len(self.style_layers))
        pixel_sums = content_weight * content + tv_weight * total_variation_loss(stylised)
        return (REFERENCE_PIXELS / pixels * pixel_sums + style_weight * style) / batch


#: The perceptual losses by name, and their weights of content, style and total variation.
LOSSES = {"book": (BookLoss, (0.025, 1.0, 1e-4)), "johnson": (JohnsonLoss, (1.0, 5.0, 0.01))}


def perceptual_loss(kind, network, style_image, weights=None):
    """The loss ``kind`` (``book`` or ``johnson``) against ``style_image``, with its own weights unless given."""
    loss, defaults = LOSSES[kind]
    return loss(network, style_image, *(weights or defaults))
