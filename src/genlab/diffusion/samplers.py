"""Samplers: from pure noise to images, walking the schedule's time from 1 to 0 in ``steps`` equal steps.

Every sampler takes ``predict_noise(images, rate)``, the network's estimate of the noise in noisy ``images``
whose signal and noise rates are ``rate`` (a :class:`~genlab.diffusion.schedule.Rates` of two floats), with
any guidance already applied. At each step the noise estimate also gives an estimate of the clean images,
``x0 = (x − noise_rate · noise) / signal_rate``. Time 0 still holds noise (signal rate 0.95), so each sampler
ends with one more estimate there and returns that estimate of the clean images: ``steps + 1`` network calls.

With ``clip``, each clean-image estimate is clipped to the images' range and the noise estimate
recomputed from it (DDPM's "clipped denoising", Ho et al. 2020; Imagen's static thresholding): an estimate
far outside the range, which a young network makes at high noise where the noise estimate's error is divided
by a small signal rate, is not carried into the next step.

- **DDIM** (Song et al. 2021): ``x_s = signal_s · x0 + noise_s · noise``, deterministic at ``eta`` 0; above 0 it
  swaps part of the predicted noise for fresh noise, and ``eta`` 1 is DDPM-like.
- **DPM-Solver++ (2M)** (Lu et al. 2022): a second-order multistep solver of the same probability-flow ODE in
  the log signal-to-noise ratio, using the clean-image estimates of the last two steps. It reaches with about
  half the steps what DDIM reaches.
"""

import math

import keras
import numpy as np
from keras import ops

from genlab import ranges
from genlab.choices import SAMPLERS
from genlab.diffusion.schedule import Rates, log_snr, rates
from genlab.errors import GenlabError


def time_grid(steps):
    """The rates at the ``steps + 1`` times 1, 1 − 1/steps, …, 0, as floats."""
    grid = rates(np.linspace(1.0, 0.0, steps + 1))
    return [Rates(float(signal), float(noise)) for signal, noise in zip(ops.convert_to_numpy(grid.signal),
                                                                       ops.convert_to_numpy(grid.noise))]


def estimate_images(images, noise, rate):
    """The clean images that ``images`` would be if ``noise`` were their noise at ``rate``."""
    return (images - rate.noise * noise) / rate.signal


def sample(predict_noise, noise, steps=20, sampler="ddim", eta=0.0, seed=None, on_step=None, replace=None,
           clip=None):
    """Images from ``noise`` (the starting batch, pure noise at time 1) after ``steps`` steps of ``sampler``.

    ``on_step(step, images, estimate)``, if given, sees each step's noisy images and its estimate of the clean
    ones (for a trajectory). ``replace(images, rate)``, if given, may change the images after each step, at
    their new rates (inpainting puts the known pixels back). ``seed`` drives the fresh noise of DDIM with
    ``eta`` above 0. ``clip``, a ``(low, high)`` pair, clips the clean-image estimates to that range at every step.
    """
    if sampler not in SAMPLERS:
        raise GenlabError(f"unknown sampler {sampler!r}; choose one of {', '.join(SAMPLERS)}")
    ranges.COUNT.check("--steps", steps)
    ranges.DDIM_ETA.check("--eta", eta)
    grid = time_grid(steps)
    step = {"ddim": _ddim(eta, seed), "dpm++": _dpm_solver_pp_2m()}[sampler]
    images = ops.convert_to_tensor(noise, "float32")
    predict = predict_noise if clip is None else _clipped(predict_noise, *clip)
    for index, (now, after) in enumerate(zip(grid, grid[1:])):
        estimate, following = step(images, predict(images, now), now, after)
        if on_step is not None:
            on_step(index, images, estimate)
        images = following
        if replace is not None:
            images = replace(images, after)
    return estimate_images(images, predict(images, grid[-1]), grid[-1])


def _clipped(predict_noise, low, high):
    """``predict_noise`` whose clean-image estimates lie in [``low``, ``high``]: the noise that the clipped
    estimate implies."""

    def predict(images, rate):
        estimate = ops.minimum(ops.maximum(estimate_images(images, predict_noise(images, rate), rate), low), high)
        return (images - rate.signal * estimate) / rate.noise

    return predict


def _ddim(eta, seed):
    generator = keras.random.SeedGenerator(seed) if eta else None

    def step(images, noise, now, after):
        estimate = estimate_images(images, noise, now)
        if not eta:
            return estimate, after.signal * estimate + after.noise * noise
        fresh = eta * after.noise / now.noise * math.sqrt(max(0.0, 1.0 - (now.signal / after.signal) ** 2))
        kept = math.sqrt(max(0.0, after.noise**2 - fresh**2))
        random = keras.random.normal(ops.shape(images), seed=generator)
        return estimate, after.signal * estimate + kept * noise + fresh * random

    return step


def _dpm_solver_pp_2m():
    previous = {}

    def step(images, noise, now, after):
        estimate = estimate_images(images, noise, now)
        h = float(log_snr(after) - log_snr(now))
        if previous:
            ratio = previous["h"] / h
            direction = (1 + 1 / (2 * ratio)) * estimate - (1 / (2 * ratio)) * previous["estimate"]
        else:
            direction = estimate  # the first step is first order: DDIM's
        previous.update(estimate=estimate, h=h)
        return estimate, (after.noise / now.noise) * images - after.signal * math.expm1(-h) * direction

    return step
