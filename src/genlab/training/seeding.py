"""Reproducible runs: one integer seed drives NumPy, Python and the Keras backend."""

import secrets

import keras

from genlab import ranges
from genlab.quiet import stderr_silenced
from genlab.types import Report


def resolve_seed(seed: int | None = None, announce: Report = print) -> int:
    """Return ``seed``, or a fresh random one (announced so that the run can be repeated), and apply it."""
    if seed is None:
        seed = secrets.randbelow(2**31)
        announce(f"seed: {seed} (pass --seed {seed} to repeat this run)")
    ranges.SEED.check("the seed", seed)
    # Keras seeds TensorFlow too where it is installed, importing it on JAX and PyTorch, and TensorFlow's C++
    # start-up lines would reach the user's terminal.
    with stderr_silenced():
        keras.utils.set_random_seed(seed)
    return seed
