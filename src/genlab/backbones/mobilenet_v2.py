"""torchvision's MobileNetV2, rebuilt in Keras layer for layer and loaded from its ImageNet checkpoint.

Keras layers carry the names of the torch modules they replace, dots written as underscores
(``features_3_conv_1_0`` for ``features.3.conv.1.0``: the PyTorch backend refuses dots in variable paths), so
loading is a strict name-for-name copy. The model's outputs keep torchvision's names, ``features.0`` …
``features.18``, the block outputs DeepDream asks for. Three details must match torchvision, or the weights
give wrong answers:

- BatchNorm epsilon is 1e-5 (Keras' default is 1e-3);
- a 3×3 stride-2 convolution pads one pixel on every side, which is not Keras' ``"same"`` (that pads only
  bottom/right on even sizes), hence explicit ``ZeroPadding2D`` and ``"valid"``;
- tensors are stored (out, in, kh, kw) and depthwise kernels (C, 1, kh, kw); Keras wants (kh, kw, in, out)
  and (kh, kw, C, 1).
"""

import keras
from keras import layers

from genlab import assets
from genlab.backbones.backbone import Backbone
from genlab.backbones.preprocessing import Torch
from genlab.backbones.torch_checkpoint import read_checkpoint
from genlab.errors import GenlabError

ASSET = "mobilenet_v2"
# (expansion t, output channels c, repeats n, first stride s), as in the MobileNetV2 paper and torchvision.
INVERTED_RESIDUALS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
                      (6, 160, 3, 2), (6, 320, 1, 1))
BN_EPSILON = 1e-5


def build() -> Backbone:
    features, classifier = architecture()
    load_torchvision_weights(classifier, read_checkpoint(assets.path(ASSET)))
    return Backbone("mobilenet_v2", features, Torch(), classifier=classifier)


def architecture():
    """(features model → {"features.0" … "features.18"}, classifier model → probabilities), weights unset."""
    image = keras.Input((None, None, 3), name="image")
    outputs = {}
    x = outputs["features.0"] = _conv_bn_relu(image, 32, 3, 2, "features_0", output=True)
    channels, index = 32, 1
    for expansion, out_channels, repeats, first_stride in INVERTED_RESIDUALS:
        for repeat in range(repeats):
            stride = first_stride if repeat == 0 else 1
            x = outputs[f"features.{index}"] = _inverted_residual(x, channels, out_channels, stride, expansion,
                                                                  f"features_{index}")
            channels, index = out_channels, index + 1
    x = outputs["features.18"] = _conv_bn_relu(x, 1280, 1, 1, "features_18", output=True)
    x = layers.GlobalAveragePooling2D(name="pool")(x)
    x = layers.Dropout(0.2, name="classifier_0")(x)
    probabilities = layers.Dense(1000, activation="softmax", name="classifier_1")(x)
    return (keras.Model(image, outputs, name="mobilenet_v2_features"),
            keras.Model(image, probabilities, name="mobilenet_v2"))


def _inverted_residual(x, channels, out_channels, stride, expansion, name):
    """Expand (1×1), filter (3×3 depthwise), project (1×1, linear); add the input when shapes allow."""
    block = x
    step = 0
    if expansion != 1:
        block = _conv_bn_relu(block, channels * expansion, 1, 1, f"{name}_conv_0")
        step = 1
    block = _conv_bn_relu(block, channels * expansion, 3, stride, f"{name}_conv_{step}", depthwise=True)
    block = layers.Conv2D(out_channels, 1, use_bias=False, name=f"{name}_conv_{step + 1}")(block)
    block = layers.BatchNormalization(epsilon=BN_EPSILON, name=f"{name}_conv_{step + 2}")(block)
    if stride == 1 and channels == out_channels:
        return layers.Add(name=name)([x, block])
    return layers.Identity(name=name)(block)


def _conv_bn_relu(x, filters, kernel, stride, name, depthwise=False, output=False):
    """torchvision's Conv2dNormActivation: conv without bias, BatchNorm, ReLU6 (named ``name`` if ``output``)."""
    padding = "same"
    if stride == 2:
        x = layers.ZeroPadding2D((kernel - 1) // 2, name=f"{name}_pad")(x)
        padding = "valid"
    if depthwise:
        x = layers.DepthwiseConv2D(kernel, stride, padding, use_bias=False, name=f"{name}_0")(x)
    else:
        x = layers.Conv2D(filters, kernel, stride, padding, use_bias=False, name=f"{name}_0")(x)
    x = layers.BatchNormalization(epsilon=BN_EPSILON, name=f"{name}_1")(x)
    return layers.ReLU(max_value=6.0, name=name if output else f"{name}_2")(x)


def load_torchvision_weights(model, state):
    """Copy a torchvision state dict into ``model``, name for name; every tensor must be used exactly once."""
    state = {key: value for key, value in state.items() if not key.endswith("num_batches_tracked")}
    for layer in model.layers:
        if not layer.weights:
            continue
        if isinstance(layer, layers.BatchNormalization):
            keys = ("weight", "bias", "running_mean", "running_var")
        else:
            keys = ("weight", "bias") if getattr(layer, "use_bias", False) else ("weight",)
        try:
            tensors = [state.pop(f"{layer.name.replace('_', '.')}.{key}") for key in keys]
        except KeyError as error:
            raise GenlabError(f"the {ASSET} checkpoint lacks {error.args[0]}") from None
        tensors[0] = _keras_layout(layer, tensors[0])
        try:
            layer.set_weights(tensors)
        except ValueError as error:
            raise GenlabError(f"the {ASSET} checkpoint does not fit MobileNetV2 at {layer.name}: {error}") from None
    if state:
        raise GenlabError(f"the {ASSET} checkpoint holds tensors MobileNetV2 lacks: {', '.join(sorted(state))}")


def _keras_layout(layer, weight):
    if isinstance(layer, layers.DepthwiseConv2D):
        return weight.transpose(2, 3, 0, 1)
    if isinstance(layer, layers.Conv2D):
        return weight.transpose(2, 3, 1, 0)
    if isinstance(layer, layers.Dense):
        return weight.T
    return weight
