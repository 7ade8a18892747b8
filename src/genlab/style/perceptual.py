"""The perceptual loss that trains a fast style network (Johnson et al. 2016).

Content: mean squared difference of VGG16 ``block2_conv2`` features between the photo and its stylised
version. Style: mean squared difference of Gram matrices, each normalised by the map's C·H·W, at
``block1_conv2``, ``block2_conv2``, ``block3_conv3`` and ``block4_conv3``, against the style image's. Total
variation keeps the output smooth. The weights fit VGG's caffe input scale (pixels 0..255 minus the mean).
"""

import numpy as np
from keras import ops

from genlab.style.losses import total_variation_loss

CONTENT_LAYER = "block2_conv2"
STYLE_LAYERS = ("block1_conv2", "block2_conv2", "block3_conv3", "block4_conv3")


def normalised_grams(features):
    """Gram matrices of a batch of maps (N, H, W, C), divided by C·H·W: (N, C, C)."""
    features = ops.cast(features, "float32")
    shape = ops.shape(features)
    flat = ops.reshape(features, (shape[0], -1, shape[3]))
    size = ops.cast(shape[1] * shape[2] * shape[3], "float32")
    return ops.matmul(ops.transpose(flat, (0, 2, 1)), flat) / size


class PerceptualLoss:
    """``loss(photos, stylised)`` for batches of RGB 0..255 images, against one style image."""

    def __init__(self, network, style_image, content_weight=1.0, style_weight=5.0, tv_weight=0.01):
        self.network = network
        self.extractor = network.feature_extractor([CONTENT_LAYER, *STYLE_LAYERS])
        self.weights = (content_weight, style_weight, tv_weight)
        style_maps = self.extractor(network.preprocess(np.asarray(style_image, "float32")[None]))
        self.style_grams = [np.asarray(normalised_grams(style_maps[name])) for name in STYLE_LAYERS]

    def __call__(self, photos, stylised):
        content_weight, style_weight, tv_weight = self.weights
        target = self.extractor(self.network.preprocess(photos))[CONTENT_LAYER]
        features = self.extractor(self.network.preprocess(stylised))
        content = ops.mean(ops.square(ops.cast(features[CONTENT_LAYER], "float32") - ops.cast(target, "float32")))
        style = sum(ops.mean(ops.square(normalised_grams(features[name]) - gram))
                    for name, gram in zip(STYLE_LAYERS, self.style_grams))
        pixels = ops.cast(ops.prod(ops.shape(stylised)), "float32")
        smoothness = total_variation_loss(stylised) / pixels
        return content_weight * content + style_weight * style + tv_weight * smoothness
