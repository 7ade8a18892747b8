"""Diffusion models (Deep Learning with Python, 3rd edition, chapter 17): a U-Net learns to predict the noise
in noisy images, and a sampler removes it step by step.

Every function after ``train`` takes the model as a run folder, its ``model.keras`` or a loaded model, and
returns what it made (NumPy float images in [0, 255]), writing a file too when given ``path``.

    from genlab import diffusion
    diffusion.train(run="runs/diffusion", minutes=15)        # MNIST padded to 32×32, class-conditional
    images = diffusion.sample("runs/diffusion", "digits.png", label=7, guidance=3)
    images = diffusion.sample("runs/diffusion", "fast.png", sampler="dpm++", steps=10)
    frames = diffusion.trajectory("runs/diffusion", "steps.gif")   # the denoising, step by step
    frames = diffusion.interpolate("runs/diffusion", "walk.gif")    # walks between starting noises
    filled = diffusion.inpaint("runs/diffusion", "digit.png", "bottom", "completed.png")  # or a mask image
    diffusion.evaluate("runs/diffusion", samples=5000)              # FID/KID as gan.evaluate measures them

The pieces: the noise schedule (:mod:`~genlab.diffusion.schedule`), the samplers (:mod:`~genlab.diffusion.samplers`:
DDIM and DPM-Solver++ (2M)), the U-Net (:mod:`~genlab.diffusion.unet`) and the model that trains it and samples
with classifier-free guidance (:mod:`~genlab.diffusion.model`).
"""

from genlab.diffusion.evaluate import evaluate
from genlab.diffusion.inpaint import NAMED_MASKS, inpaint, named_mask
from genlab.diffusion.model import DiffusionModel
from genlab.diffusion.sample import generate_images, interpolate, sample, trajectory
from genlab.diffusion.train import train
from genlab.diffusion.trained import load

__all__ = ["NAMED_MASKS", "DiffusionModel", "evaluate", "generate_images", "inpaint", "interpolate", "load",
           "named_mask", "sample", "train", "trajectory"]
