"""Pretrained feature extractors by name, for DeepDream and style transfer.

    from genlab.backbones import load_backbone
    net = load_backbone("mobilenet_v2")            # or "vgg16"; "inception_v3"/"vgg19" need a weights file
    features = net.feature_extractor(["features.10", "features.13"])
    maps = features(net.preprocess(image_batch))   # {"features.10": (N, h, w, 64), ...}
    image = net.deprocess(x)                       # RGB 0..255, not clipped

``mobilenet_v2`` (torchvision's ImageNet model, with its classifier) is the DeepDream default, ``vgg16``
(HED's conv layers, ImageNet features) the style-transfer default.
"""

from genlab.backbones.backbone import Backbone
from genlab.backbones.registry import list_backbones, load_backbone

__all__ = ["Backbone", "list_backbones", "load_backbone"]
