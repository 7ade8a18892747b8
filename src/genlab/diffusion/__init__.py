"""Diffusion models (Deep Learning with Python, 3rd edition, chapter 17): a U-Net learns to predict the noise
in noisy images, and a sampler removes it step by step.

So far: the noise schedule (:mod:`genlab.diffusion.schedule`) and the samplers that walk it
(:mod:`genlab.diffusion.samplers`: DDIM and DPM-Solver++ (2M)).
"""
