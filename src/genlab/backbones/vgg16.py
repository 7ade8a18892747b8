"""VGG16's convolutional stack with the conv weights of HED, the ImageNet VGG16 fine-tuned for edges.

HED ("holistically-nested edge detection") starts from ImageNet VGG16 and retrains it at a learning rate of
1e-6, so its conv layers are still ImageNet features: good for style transfer, poor for dreams. Its Keras 3
``.weights.h5`` file also holds HED's side outputs; only the 13 conv layers are read, found by the layer
names stored with them (``block1_conv1`` … ``block5_conv3``).
"""

import re

import h5py
import keras

from genlab import assets
from genlab.backbones.backbone import Backbone
from genlab.backbones.preprocessing import Caffe
from genlab.errors import GenlabError

ASSET = "vgg16-hed"
CONV_NAME = re.compile(r"block\d_conv\d")


def build() -> Backbone:
    model = architecture()
    weights = read_conv_weights(assets.path(ASSET))
    for layer in model.layers:
        if layer.weights:
            try:
                layer.set_weights(weights.pop(layer.name))
            except (KeyError, ValueError) as error:
                raise GenlabError(f"the {ASSET} weights do not fit VGG16 at {layer.name}: {error}") from None
    if weights:
        raise GenlabError(f"the {ASSET} weights hold layers VGG16 lacks: {', '.join(sorted(weights))}")
    return Backbone("vgg16", model, Caffe())


def architecture() -> keras.Model:
    """Keras' VGG16 without classifier, any input size, mapping to ``{layer name: output}``; weights unset."""
    stack = keras.applications.VGG16(include_top=False, weights=None, input_shape=(None, None, 3))
    return keras.Model(stack.input, {layer.name: layer.output for layer in stack.layers[1:]}, name="vgg16")


def read_conv_weights(path) -> dict:
    """``{"block1_conv1": [kernel (3, 3, in, out), bias], …}`` from a Keras 3 weights file."""
    found = {}

    def visit(_, item):
        name = item.attrs.get("name", "") if isinstance(item, h5py.Group) else ""
        if CONV_NAME.fullmatch(name):
            found[name] = [item["0"][()], item["1"][()]]

    try:
        with h5py.File(path, "r") as file:
            file.visititems(visit)
    except (OSError, KeyError) as error:
        raise GenlabError(f"cannot read VGG16 weights from {path}: {error}") from None
    return found
