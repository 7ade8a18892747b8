"""Backbones by name, each built once per process."""

from genlab.backbones import keras_applications, mobilenet_v2, vgg16
from genlab.backbones.backbone import Backbone
from genlab.choices import BUNDLED_BACKBONES
from genlab.errors import GenlabError
from genlab.precision import dtype_policy, resolve_precision
from genlab.types import PathLike

FROM_ASSETS = dict(zip(BUNDLED_BACKBONES, (mobilenet_v2.build, vgg16.build)))

_built: dict = {}


def list_backbones() -> list[str]:
    return [*FROM_ASSETS, *keras_applications.NETWORKS]


def load_backbone(name: str, weights: PathLike | None = None, precision: str = "float32") -> Backbone:
    """The pretrained backbone ``name``, built on first use and shared afterwards.

    ``mobilenet_v2`` and ``vgg16`` read their weights from the genlab asset cache (fetching them unless
    offline). ``inception_v3`` and ``vgg19`` need a local weights file: ``weights``, or an environment variable
    (see :mod:`genlab.backbones.keras_applications`). ``precision="mixed_bfloat16"`` computes in bfloat16
    with float32 weights: 3.4× faster for VGG16 on a CPU with AMX, slower for MobileNetV2 and on CPUs
    without AMX (BENCHMARKS.md); ``"auto"`` chooses by the CPU (:mod:`genlab.precision`).
    """
    precision = resolve_precision(precision)
    if name not in list_backbones():
        raise GenlabError(f"unknown backbone {name!r}; choose from {', '.join(list_backbones())}")
    if weights is not None and name in FROM_ASSETS:
        raise GenlabError(f"{name} reads its weights from the genlab asset cache; it takes no weights file")
    key = (name, None if weights is None else str(weights), precision)
    if key not in _built:
        with dtype_policy(precision):
            _built[key] = FROM_ASSETS[name]() if name in FROM_ASSETS else keras_applications.build(name, weights)
    return _built[key]
