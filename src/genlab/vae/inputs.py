"""Naming the images the exploration commands start from.

An example is one image: ``mnist:INDEX`` (a digit of MNIST's test set) or an image file. A group is many: a
digit label ``0``–``9`` (those test digits) or a folder of images. Files are centre-cropped and resized to
the model's input, as the training folders were.
"""

from pathlib import Path

from genlab.datasets import load_image_folder, load_mnist, load_square_image
from genlab.errors import GenlabError

MNIST_SHAPE = (28, 28, 1)
MNIST_PREFIX = "mnist:"


def load_example(spec, image_shape):
    """The image named by ``spec`` as (H, W, C) in [0, 1]."""
    spec = str(spec)
    if spec.startswith(MNIST_PREFIX):
        index = spec[len(MNIST_PREFIX):]
        digits = mnist_test_set(image_shape, spec)
        if not index.isdigit() or int(index) >= len(digits.images):
            raise GenlabError(f"{spec}: give a test image index from 0 to {len(digits.images) - 1}")
        return digits.images[int(index)]
    return load_square_image(spec, *_side_and_channels(image_shape))


def load_group(spec, image_shape):
    """The images named by ``spec`` as (N, H, W, C) in [0, 1]."""
    spec = str(spec)
    if spec.isdigit() and not Path(spec).exists():
        digits = mnist_test_set(image_shape, f"digit {spec}")
        if int(spec) > 9:
            raise GenlabError(f"{spec} is not a digit label; give 0–9 or a folder of images")
        return digits.where(int(spec)).images
    return load_image_folder(spec, *_side_and_channels(image_shape)).images


def mnist_test_set(image_shape, what):
    """MNIST's test split, if the model takes MNIST digits; ``what`` names the request in the error."""
    if tuple(image_shape) != MNIST_SHAPE:
        raise GenlabError(f"{what} is an MNIST digit, but this VAE takes {'×'.join(map(str, image_shape))} images; "
                          "give image files or folders")
    return load_mnist("test")


def _side_and_channels(image_shape):
    height, width, channels = image_shape
    if height != width:
        raise GenlabError(f"this VAE takes {height}×{width} images; image files work only with square ones")
    return height, channels

