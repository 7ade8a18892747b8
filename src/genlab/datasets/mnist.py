"""MNIST from the ``mnist`` asset: a gzipped pickle of (train 50k, validation 10k, test 10k).

The pickle is untrusted. ``genlab.assets.path`` re-verifies its SHA-256 before handing it over, and it is
read with the arrays-only unpickler. The usual 60k/10k split is kept: "train" is the pickle's train and
validation parts together, "test" its test part.
"""

import gzip
from functools import lru_cache

import numpy as np

from genlab import assets
from genlab.datasets.image_set import ImageSet
from genlab.datasets.safe_pickle import load_arrays
from genlab.errors import GenlabError
from genlab.types import PathLike

SPLITS = ("train", "test")


def load_mnist(split: str = "train", path: PathLike | None = None) -> ImageSet:
    """MNIST ``split`` as an ImageSet of (N, 28, 28, 1) images with digit labels.

    ``path`` reads another copy of the same gzipped pickle instead of the verified asset.
    """
    if split not in SPLITS:
        raise GenlabError(f"unknown MNIST split {split!r}; choose from {', '.join(SPLITS)}")
    parts = _parts(str(path) if path is not None else str(assets.path("mnist")))
    if split == "train":
        (x1, y1), (x2, y2) = parts[0], parts[1]
        images, labels = np.concatenate([x1, x2]), np.concatenate([y1, y2])
    else:
        images, labels = parts[2]
    return ImageSet(images, labels, f"MNIST {split}")


@lru_cache(maxsize=2)
def _parts(path):
    try:
        with gzip.open(path, "rb") as file:
            parts = load_arrays(file, path)
    except FileNotFoundError:
        raise GenlabError(f"MNIST file not found: {path}") from None
    return tuple(_checked(part, path) for part in _three_parts(parts, path))


def _three_parts(parts, path):
    if not (isinstance(parts, tuple) and len(parts) == 3):
        raise GenlabError(f"{path} is not the MNIST pickle (expected train, validation and test parts)")
    return parts


def _checked(part, path):
    try:
        images, labels = part
        images = np.asarray(images, dtype="float32").reshape(-1, 28, 28, 1)
        labels = np.asarray(labels, dtype="int64")
    except (TypeError, ValueError):
        raise GenlabError(f"{path} is not the MNIST pickle (a part is not 28×28 images with labels)") from None
    if len(images) != len(labels) or not (0.0 <= images.min() and images.max() <= 1.0):
        raise GenlabError(f"{path} is not the MNIST pickle (labels or pixel range do not match)")
    return images, labels
