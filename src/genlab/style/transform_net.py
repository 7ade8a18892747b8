"""The feed-forward transformation network of fast style transfer (Johnson, Alahi & Fei-Fei 2016).

Two stride-2 convolutions down, residual blocks, and two upsampling stages back up. Instance normalisation
(a group norm with one group per channel) makes the style independent of each image's contrast. Upsampling
is a resize followed by a convolution rather than a transposed convolution, which avoids checkerboard
artefacts (Odena et al. 2016). The resize is bilinear: after a CPU-length training (hundreds to a few thousand
steps) nearest-neighbour resizing still shows as a fine 2–4 px lattice over the whole picture, which bilinear
resizing never draws. Pixels in and out are RGB 0..255; sides must be multiples of 4.
"""

import keras
from keras import layers, ops


def _conv_norm(channels, kernel, strides=1, activation="relu", name=None):
    return [
        layers.Conv2D(channels, kernel, strides=strides, padding="same", name=f"{name}_conv"),
        layers.GroupNormalization(groups=channels, epsilon=1e-5, name=f"{name}_norm"),
        layers.Activation(activation, name=f"{name}_act") if activation else layers.Identity(name=f"{name}_id"),
    ]


def _doubled_bilinear(x, axis):
    """``x`` with axis 1 (rows) or 2 (columns) twice as long, by linear interpolation, pixel centres aligned
    as in ``tf.image.resize``'s bilinear mode: new row 2i is ¾ row i + ¼ row i−1, new row 2i+1 is ¾ row i +
    ¼ row i+1, edge rows repeated. Written with slices rather than ``ops.image.resize``, which cannot trace an
    image whose size is unknown until it arrives (``apply`` on photos of several sizes)."""
    def along(tensor, start, stop):
        return tensor[(slice(None),) * axis + (slice(start, stop),)]

    padded = ops.concatenate([along(x, 0, 1), x, along(x, -1, None)], axis=axis)
    before, here, after = along(padded, None, -2), along(padded, 1, -1), along(padded, 2, None)
    pairs = ops.stack([0.25 * before + 0.75 * here, 0.75 * here + 0.25 * after], axis=axis + 1)
    shape = list(ops.shape(x))
    shape[axis] = 2 * shape[axis]
    return ops.reshape(pairs, [-1, *shape[1:]])


@keras.saving.register_keras_serializable(package="genlab")
class Upsample2x(layers.Layer):
    """Doubles height and width, bilinearly or by repeating pixels (``interpolation="nearest"``)."""

    def __init__(self, interpolation="bilinear", **kwargs):
        super().__init__(**kwargs)
        self.interpolation = interpolation

    def call(self, x):
        if self.interpolation == "nearest":
            return ops.repeat(ops.repeat(x, 2, axis=1), 2, axis=2)
        return _doubled_bilinear(_doubled_bilinear(x, axis=1), axis=2)

    def get_config(self):
        return {**super().get_config(), "interpolation": self.interpolation}


@keras.saving.register_keras_serializable(package="genlab")
class ResidualBlock(layers.Layer):
    def __init__(self, channels, **kwargs):
        super().__init__(**kwargs)
        self.channels = channels
        self.body = _conv_norm(channels, 3, name="a") + _conv_norm(channels, 3, activation=None, name="b")

    def call(self, x):
        y = x
        for layer in self.body:
            y = layer(y)
        return x + y

    def get_config(self):
        return {**super().get_config(), "channels": self.channels}


@keras.saving.register_keras_serializable(package="genlab")
class TransformNet(keras.Model):
    """Image → stylised image of the same size, for one style learnt in training."""

    def __init__(self, width=32, residual_blocks=5, upsampling="bilinear", **kwargs):
        super().__init__(**kwargs)
        self.width, self.residual_blocks, self.upsampling = width, residual_blocks, upsampling
        self.stack = (
            _conv_norm(width, 9, name="in")
            + _conv_norm(2 * width, 3, strides=2, name="down1")
            + _conv_norm(4 * width, 3, strides=2, name="down2")
            + [ResidualBlock(4 * width, name=f"residual{i}") for i in range(residual_blocks)]
            + [Upsample2x(upsampling, name="up1_resize")]
            + _conv_norm(2 * width, 3, name="up1")
            + [Upsample2x(upsampling, name="up2_resize")]
            + _conv_norm(width, 3, name="up2")
            + [layers.Conv2D(3, 9, padding="same", name="out", dtype="float32")]
        )

    def call(self, images):
        x = ops.cast(images, self.compute_dtype) / 127.5 - 1.0
        for layer in self.stack:
            x = layer(x)
        return (ops.tanh(ops.cast(x, "float32")) + 1.0) * 127.5

    def get_config(self):
        return {"name": self.name, "width": self.width, "residual_blocks": self.residual_blocks,
                "upsampling": self.upsampling}

    @classmethod
    def from_config(cls, config):
        return cls(**config)
