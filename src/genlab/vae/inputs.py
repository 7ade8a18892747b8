"""Naming the images the exploration commands start from.

An example is one image: ``index:N`` (image N of MNIST's test set) or an image file. A group is many:
``label:D`` (the MNIST test digits labelled D, 0–9) or a folder of images. Files are centre-cropped and resized
to the model's input, as the training folders were. A bare number or ``mnist:N`` is refused with a hint, since
it could mean either an index or a label.
"""

import re
from pathlib import Path

import numpy as np

from genlab.datasets import ImageSet, load_image_folder, load_mnist, load_square_image
from genlab.errors import GenlabError
from genlab.types import PathLike

MNIST_SHAPE = (28, 28, 1)
INDEX_PREFIX = "index:"
LABEL_PREFIX = "label:"
AMBIGUOUS = re.compile(r"(?:mnist:)?(\d+)")

#: What an example or a group may be: a string (``index:3``, ``label:7``, a file or folder name) or a path.
Spec = PathLike


def load_example(spec: Spec, image_shape: tuple[int, int, int]) -> np.ndarray:
    """The image named by ``spec`` as (H, W, C) in [0, 1]."""
    spec = str(spec)
    if spec.startswith(INDEX_PREFIX):
        index = spec[len(INDEX_PREFIX):]
        digits = mnist_test_set(image_shape, spec)
        if not index.isdigit() or int(index) >= len(digits.images):
            raise GenlabError(f"{spec}: give a test image index from 0 to {len(digits.images) - 1}")
        return digits.images[int(index)]
    _refuse_ambiguous(spec, "write index:{0} for image {0} of the MNIST test set, or give an image file")
    return load_square_image(spec, *_side_and_channels(image_shape))


def load_group(spec: Spec, image_shape: tuple[int, int, int]) -> np.ndarray:
    """The images named by ``spec`` as (N, H, W, C) in [0, 1]."""
    spec = str(spec)
    if spec.startswith(LABEL_PREFIX):
        label = spec[len(LABEL_PREFIX):]
        if not (label.isdigit() and int(label) <= 9):
            raise GenlabError(f"{spec}: give a digit label from 0 to 9")
        return mnist_test_set(image_shape, spec).where(int(label)).images
    _refuse_ambiguous(spec, "write label:{0} for the MNIST test digits labelled {0}, or give a folder of images")
    return load_image_folder(spec, *_side_and_channels(image_shape)).images


def mnist_test_set(image_shape: tuple[int, int, int], what: str) -> ImageSet:
    """MNIST's test split, if the model takes MNIST digits; ``what`` names the request in the error."""
    if tuple(image_shape) != MNIST_SHAPE:
        raise GenlabError(f"{what} is an MNIST digit, but this VAE takes {'×'.join(map(str, image_shape))} images; "
                          "give image files or folders")
    return load_mnist("test")


def _refuse_ambiguous(spec, hint):
    """Refuse a number or ``mnist:N`` that names no file (it could be an index or a label), with ``hint``, a
    format string for the number."""
    number = AMBIGUOUS.fullmatch(spec)
    if number and not Path(spec).exists():
        raise GenlabError(f"{spec!r} could be an index or a label: {hint.format(number.group(1))}")


def _side_and_channels(image_shape):
    height, width, channels = image_shape
    if height != width:
        raise GenlabError(f"this VAE takes {height}×{width} images; image files work only with square ones")
    return height, channels
