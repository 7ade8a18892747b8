"""The VAE's training and held-out images: MNIST's own 60k/10k split, or a folder with a fixed share held out."""

from pathlib import Path

import numpy as np

from genlab.datasets import ImageSet, load_images, load_mnist
from genlab.errors import GenlabError
from genlab.vae.networks import check_image_shape

SPLIT_SEED = 0
"""The held-out images of a folder do not depend on the run's seed, so runs with different seeds compare on
the same test images."""


def describe_data(data):
    """How a run records its data: ``mnist``, or the absolute path of a folder or MNIST-format pickle."""
    return "mnist" if str(data) == "mnist" else str(Path(data).resolve())


def load_splits(data="mnist", image_size=None, channels=None, test_fraction=0.1):
    """(training ImageSet, held-out ImageSet).

    ``data`` is ``mnist`` (the verified asset), a copy of the same ``.pkl.gz`` pickle, or a folder of images,
    which are centre-cropped and resized to ``image_size`` (default 32) with ``channels`` 1 or 3 (default 3);
    a fixed ``test_fraction`` of a folder is held out.
    """
    if _is_mnist(data):
        if image_size is not None or channels is not None:
            raise GenlabError("--image-size and --channels apply to a folder of images; MNIST is 28×28, grey")
        path = None if str(data) == "mnist" else data
        return load_mnist("train", path), load_mnist("test", path)
    image_size, channels = image_size or 32, channels or 3
    check_image_shape((image_size, image_size, channels))
    if not 0 < test_fraction < 1:
        raise GenlabError(f"the held-out fraction must be between 0 and 1, not {test_fraction}")
    return _split(load_images(data, size=image_size, channels=channels), test_fraction)


def _is_mnist(data):
    return str(data) == "mnist" or str(data).endswith(".pkl.gz")


def _split(images, test_fraction):
    count = len(images)
    if count < 2:
        raise GenlabError(f"{images.name} has only {count} image; the VAE needs at least 2 (some are held out)")
    held_out = min(count - 1, max(1, round(count * test_fraction)))
    order = np.random.default_rng(SPLIT_SEED).permutation(count)
    test, train = np.sort(order[:held_out]), np.sort(order[held_out:])
    return (ImageSet(images.images[train], None, f"{images.name} (training)"),
            ImageSet(images.images[test], None, f"{images.name} (held out)"))
