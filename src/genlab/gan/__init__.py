"""DCGAN: train on MNIST, a CIFAR-10 class or image folders; sample grids and latent walks; FID/KID."""

from genlab.gan.evaluate import compare, evaluate
from genlab.gan.model import DCGAN
from genlab.gan.sample import generate_images, interpolate, load_gan, sample
from genlab.gan.train import train

__all__ = ["DCGAN", "compare", "evaluate", "generate_images", "interpolate", "load_gan", "sample", "train"]
