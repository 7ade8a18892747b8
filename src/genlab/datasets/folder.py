"""Any folder of images as a training set: every image centre-cropped to a square and resized."""

import numpy as np

from genlab.datasets.image_set import ImageSet
from genlab.images import list_images, load_image, resize
from genlab.progress import progress_bar
from genlab.types import PathLike


def load_image_folder(folder: PathLike, size: int, channels: int = 3) -> ImageSet:
    """All images below ``folder`` as an ImageSet of (N, size, size, channels) in [0, 1], without labels.

    Photos of any size and mode are accepted (they are cropped and resized); a file that cannot be read is
    a GenlabError naming it, so a training run never silently learns from part of the folder.
    """
    paths = list_images(folder)
    images = np.empty((len(paths), size, size, channels), dtype="float32")
    bar = progress_bar(len(paths), "image") if len(paths) >= 1000 else None
    for index, path in enumerate(paths):
        images[index] = load_square_image(path, size, channels)
        if bar is not None:
            bar.update(index + 1)
    return ImageSet(images, None, str(folder))


def load_square_image(path: PathLike, size: int, channels: int = 3) -> np.ndarray:
    """One image as the data sets see it: centre-cropped to a square, resized to ``size``, (size, size,
    channels) in [0, 1]."""
    return resize(_centre_square(load_image(path, grayscale=channels == 1)), (size, size)) / 255.0


def _centre_square(image):
    height, width = image.shape[:2]
    side = min(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    return image[top : top + side, left : left + side]
