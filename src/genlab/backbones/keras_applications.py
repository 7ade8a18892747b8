"""InceptionV3 (the seeds' DeepDream network) and VGG19 (the seeds' style network) from ``keras.applications``.

Their ImageNet weights are downloaded by Keras from Google's servers, which offline machines cannot reach,
and no PyPI wheel ships them. So they load only from a local file the user names, either as an argument or
in ``GENLAB_WEIGHTS_INCEPTION_V3`` / ``GENLAB_WEIGHTS_VGG19``: Keras' own ``…_notop.h5`` files, or a
``.weights.h5`` saved from the same network without its classifier.
"""

import os
from pathlib import Path

import keras

from genlab.backbones.backbone import Backbone
from genlab.backbones.preprocessing import Caffe, Symmetric
from genlab.errors import GenlabError

NETWORKS = {
    # name: (constructor, input convention, Keras' file name, which layers to offer)
    "inception_v3": (keras.applications.InceptionV3, Symmetric,
                     "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
                     lambda name: name.startswith("mixed") and "_" not in name),
    "vgg19": (keras.applications.VGG19, Caffe, "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5",
              lambda name: name.startswith("block")),
}


def environment_variable(name) -> str:
    return f"GENLAB_WEIGHTS_{name.upper()}"


def build(name, weights=None) -> Backbone:
    constructor, convention, keras_file, offered = NETWORKS[name]
    weights = weights or os.environ.get(environment_variable(name))
    if not weights:
        raise GenlabError(f"the ImageNet weights of {name} are not available offline; download Keras' "
                          f"{keras_file} elsewhere and pass it with {environment_variable(name)}=/path/to/file")
    weights = Path(weights).expanduser()
    if not weights.is_file():
        raise GenlabError(f"{weights} (weights for {name}) does not exist")
    network = constructor(include_top=False, weights=None, input_shape=(None, None, 3))
    _load(network, weights, keras_file)
    outputs = {layer.name: layer.output for layer in network.layers if offered(layer.name)}
    return Backbone(name, keras.Model(network.input, outputs, name=name), convention())


def _load(network, path, keras_file):
    """Keras' own loader: it matches layers in order, and refuses a file whose layers do not line up.

    Matching by name would be unsafe: InceptionV3's layer names are generated (``conv2d_94``) and depend on
    how many layers the process has built before.
    """
    try:
        network.load_weights(path)
    except (OSError, KeyError, ValueError) as error:
        raise GenlabError(f"cannot load {network.name} weights from {path} (Keras' {keras_file} is the "
                          f"file that fits): {str(error).splitlines()[0]}") from None
