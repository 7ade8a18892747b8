"""Image data sets for the latent-space models: MNIST from the assets, CIFAR-10 from its python tarball, and
any folder of images.

A data set is an ``ImageSet``: float32 pixels (N, H, W, C) in [0, 1] plus optional integer labels. Pickled
data (MNIST, CIFAR-10) is untrusted: its checksum is verified first (MNIST) and it is read with an unpickler
that builds NumPy arrays and nothing else.
"""

from genlab.datasets.cifar10 import CIFAR10_CLASSES, load_cifar10
from genlab.datasets.folder import load_image_folder, load_square_image
from genlab.datasets.image_set import ImageSet
from genlab.datasets.mnist import load_mnist
from genlab.datasets.select import MNIST_PADDED_SIZE, load_generator_images, load_images

__all__ = ["CIFAR10_CLASSES", "ImageSet", "MNIST_PADDED_SIZE", "load_cifar10", "load_generator_images", "load_image_folder", "load_images", "load_mnist",
           "load_square_image"]
