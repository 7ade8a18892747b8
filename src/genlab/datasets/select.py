"""Choosing a training set from command-line style options: MNIST, a CIFAR-10 class, or an image folder."""

from genlab.datasets.cifar10 import load_cifar10
from genlab.datasets.folder import load_image_folder
from genlab.datasets.image_set import ImageSet
from genlab.datasets.mnist import load_mnist
from genlab.errors import GenlabError
from genlab.types import PathLike

MNIST_PADDED_SIZE = 32  # the image generators pad MNIST's 28×28 digits to 32×32, a size their networks halve cleanly


def load_images(data: PathLike = "mnist", cifar10: PathLike | None = None, class_name: str | int | None = None,
                size: int | None = None, channels: int | None = None, split: str = "train") -> ImageSet:
    """The images to train on.

    ``data`` is ``"mnist"`` or a folder of images; ``cifar10`` (a tarball or folder) takes precedence, with
    ``class_name`` picking one class. ``size``/``channels`` apply to folders (defaults 32 and 3).
    """
    if cifar10 is not None:
        return load_cifar10(cifar10, class_name, split)
    if class_name is not None:
        raise GenlabError("--class needs --cifar10 PATH")
    if str(data) == "mnist":
        return load_mnist(split)
    return load_image_folder(data, size or 32, channels or 3)


def load_generator_images(data: PathLike = "mnist", cifar10: PathLike | None = None,
                          class_name: str | int | None = None, image_size: int | None = None,
                          channels: int | None = None) -> ImageSet:
    """The training images of the image generators (DCGAN, diffusion): as :func:`load_images`, with MNIST
    padded to 32×32."""
    images = load_images(data, cifar10, class_name, image_size, channels)
    if cifar10 is None and str(data) == "mnist":
        images = images.padded_to(MNIST_PADDED_SIZE, MNIST_PADDED_SIZE)
    return images
