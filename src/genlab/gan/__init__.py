"""DCGAN: train on MNIST, a CIFAR-10 class or image folders; sample grids and latent walks; FID/KID.

    from genlab import gan
    gan.train(run="runs/gan", minutes=15)              # MNIST padded to 32×32, the cpu preset
    gan.sample("runs/gan", "digits.png", count=64)     # a grid (or a folder of single images)
    gan.interpolate("runs/gan", "walk.gif")            # latent walks, spherical interpolation
    gan.evaluate("runs/gan", samples=5000)             # FID/KID on MobileNetV2 features
"""

from genlab.gan.evaluate import compare, evaluate
from genlab.gan.model import DCGAN
from genlab.gan.sample import generate_images, interpolate, load, sample
from genlab.gan.train import train

__all__ = ["DCGAN", "compare", "evaluate", "generate_images", "interpolate", "load", "sample", "train"]
