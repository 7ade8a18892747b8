"""A pretrained network seen as named feature maps, with the input convention it was trained with."""

from collections.abc import Iterable

import keras
import numpy as np
from keras import ops

from genlab.backbones.preprocessing import Caffe, Symmetric, Torch
from genlab.errors import GenlabError


class Backbone:
    """Named layers of a pretrained convnet, for DeepDream and style transfer.

    ``model`` maps a preprocessed batch (N, H, W, 3), any H and W, to a dict ``{layer name: feature map}``
    over all of ``layer_names``. ``classifier``, when the weights include one, maps the same batch to
    ImageNet class probabilities (N, 1000).
    """

    def __init__(self, name: str, model: keras.Model, convention: Caffe | Torch | Symmetric,
                 classifier: keras.Model | None = None):
        self.name = name
        self.model = model
        self.layer_names = tuple(model.output)
        self.classifier = classifier
        self._convention = convention
        self._extractors = {}

    def preprocess(self, image: np.ndarray):
        """RGB in 0..255, float, channels last (one image or a batch) → the network's input scale."""
        return self._convention.preprocess(image)

    def deprocess(self, x: np.ndarray):
        """The exact inverse of :meth:`preprocess`: back to RGB 0..255, not clipped."""
        return self._convention.deprocess(x)

    def feature_extractor(self, layer_names: str | Iterable[str]) -> keras.Model:
        """A model from a preprocessed batch to ``{name: feature map}`` for just these layers.

        Layers above the highest one asked for are not computed. Extractors are cached, so a compiled loss
        built on one is reused.
        """
        names = (layer_names,) if isinstance(layer_names, str) else tuple(layer_names)
        unknown = [name for name in names if name not in self.layer_names]
        if unknown or not names:
            raise GenlabError(f"{self.name} has no layer {', '.join(unknown) or '(none given)'}; "
                              f"choose from {', '.join(self.layer_names)}")
        if names not in self._extractors:
            outputs = {name: self.model.output[name] for name in names}
            self._extractors[names] = keras.Model(self.model.input, outputs, name=f"{self.name}_features")
        return self._extractors[names]

    def classify(self, image: np.ndarray) -> np.ndarray:
        """ImageNet class probabilities for RGB 0..255 images already sized for the network.

        One image (H, W, 3) gives a vector of 1000; a batch (N, H, W, 3) gives (N, 1000).
        """
        if self.classifier is None:
            raise GenlabError(f"the {self.name} weights have no classifier; use mobilenet_v2 to classify")
        batch = ops.cast(image, "float32")
        single = len(batch.shape) == 3
        if single:
            batch = ops.expand_dims(batch, 0)
        probabilities = ops.convert_to_numpy(self.classifier(self.preprocess(batch), training=False))
        return probabilities[0] if single else probabilities

    def __repr__(self):
        return f"Backbone({self.name!r}, {len(self.layer_names)} layers)"
