"""The input conventions pretrained networks were trained with, each with its exact inverse.

Every function takes RGB images (or preprocessed batches) as NumPy arrays or backend tensors, channels last,
and is written with ``keras.ops`` so it can sit inside a compiled loss. ``deprocess`` does not clip: an
optimised image may leave 0..255, and the caller decides when to clip and round.
"""

from keras import ops

IMAGENET_MEAN_BGR = (103.939, 116.779, 123.68)
IMAGENET_MEAN_RGB = (0.485, 0.456, 0.406)
IMAGENET_STD_RGB = (0.229, 0.224, 0.225)


class Caffe:
    """VGG as trained in Caffe: channels flipped to BGR, ImageNet mean subtracted, no scaling."""

    def preprocess(self, image):
        return ops.flip(ops.cast(image, "float32"), axis=-1) - ops.array(IMAGENET_MEAN_BGR, "float32")

    def deprocess(self, x):
        return ops.flip(ops.cast(x, "float32") + ops.array(IMAGENET_MEAN_BGR, "float32"), axis=-1)


class Torch:
    """torchvision's ImageNet models: scaled to 0..1, then standardised per RGB channel."""

    def preprocess(self, image):
        mean = ops.array(IMAGENET_MEAN_RGB, "float32")
        std = ops.array(IMAGENET_STD_RGB, "float32")
        return (ops.cast(image, "float32") / 255.0 - mean) / std

    def deprocess(self, x):
        mean = ops.array(IMAGENET_MEAN_RGB, "float32")
        std = ops.array(IMAGENET_STD_RGB, "float32")
        return (ops.cast(x, "float32") * std + mean) * 255.0


class Symmetric:
    """Inception and other Keras/TF-slim models: 0..255 mapped linearly onto -1..1."""

    def preprocess(self, image):
        return ops.cast(image, "float32") / 127.5 - 1.0

    def deprocess(self, x):
        return (ops.cast(x, "float32") + 1.0) * 127.5
