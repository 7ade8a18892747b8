"""DCGAN: train on MNIST, a CIFAR-10 class or image folders; sample grids and latent walks; FID/KID.

Every function after ``train`` takes the DCGAN as a run folder, its ``model.keras`` or a loaded model, and
returns what it made (NumPy float images in [0, 255]), writing a file too when given ``path``.

    from genlab import gan
    gan.train(run="runs/gan", minutes=15)                   # MNIST padded to 32×32, the cpu preset
    images = gan.sample("runs/gan", "digits.png", count=64)  # a grid (or a folder of single images)
    frames = gan.interpolate("runs/gan", "walk.gif")         # latent walks, spherical interpolation
    frames = gan.walk_around("runs/gan", seed=1, index=5)   # a loop around image 5 of gan.sample(..., seed=1)
    gan.evaluate("runs/gan", samples=5000)                   # FID/KID on MobileNetV2 features
"""

from genlab.gan.evaluate import evaluate
from genlab.gan.model import DCGAN
from genlab.gan.sample import generate_images, interpolate, sample, walk_around
from genlab.gan.train import train
from genlab.gan.trained import load

__all__ = ["DCGAN", "evaluate", "generate_images", "interpolate", "load", "sample", "train", "walk_around"]
