"""Diffusion models (Deep Learning with Python, 3rd edition, chapter 17): a U-Net learns to predict the noise
in noisy images, and a sampler removes it step by step.

So far: the noise schedule (:mod:`genlab.diffusion.schedule`), the samplers that walk it
(:mod:`genlab.diffusion.samplers`: DDIM and DPM-Solver++ (2M)), the book's U-Net (:mod:`genlab.diffusion.unet`)
and the model that trains it and samples with classifier-free guidance (:mod:`genlab.diffusion.model`). The
trainer, its presets and the ``genlab diffusion`` command come next.
"""
