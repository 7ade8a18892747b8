"""Image features for distances between image sets: MobileNetV2's pooled 1280-d features.

FID and KID are defined on InceptionV3's 2048-d pool features; no InceptionV3 ImageNet weights can be
fetched offline here, so genlab measures on the MobileNetV2 (ImageNet, torchvision) backbone it has, and says
so wherever it prints a figure. Numbers are comparable between genlab runs, not with published Inception FIDs.
"""

import keras
import numpy as np
from keras import ops

from genlab.backbones import load_backbone
from genlab.progress import progress_bar

FEATURE_LAYER = "features.18"


def feature_name(size):
    """How figures computed on these features are labelled, so nobody mistakes them for Inception FIDs."""
    return f"MobileNetV2 pooled features, 1280-d, images at {size}×{size}"


def pooled_features(images, size=128, batch_size=50, progress=True):
    """(N, 1280) float64 features of ``images`` (N, H, W, 1 or 3), pixels in [0, 1].

    Images are resized (bilinear) to ``size``, gray ones repeated to three channels, and passed through
    MobileNetV2 up to its last 1×1 convolution, averaged over space.
    """
    network = load_backbone("mobilenet_v2")
    model = _pooled_model(network)
    bar = progress_bar(len(images), "image") if progress else None
    features = []
    for start in range(0, len(images), batch_size):
        batch = ops.image.resize(np.asarray(images[start : start + batch_size], "float32"), (size, size))
        if batch.shape[-1] == 1:
            batch = ops.repeat(batch, 3, axis=-1)
        features.append(np.asarray(model.predict_on_batch(network.preprocess(batch * 255.0)), "float64"))
        if bar is not None:
            bar.update(min(start + batch_size, len(images)))
    return np.concatenate(features)


_models = {}


def _pooled_model(network):
    if network not in _models:
        image = keras.Input((None, None, 3))
        maps = network.feature_extractor([FEATURE_LAYER])(image)[FEATURE_LAYER]
        _models[network] = keras.Model(image, keras.layers.GlobalAveragePooling2D()(maps))
    return _models[network]
