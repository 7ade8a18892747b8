"""The continuous cosine ("angle") noise schedule of the book's chapter 17 and keras-io's DDIM example.

A diffusion time ``t`` in [0, 1] is an angle between those of the largest and the smallest signal rate; a noisy
image is ``signal_rate · image + noise_rate · noise`` with ``signal_rate = cos(angle)`` and ``noise_rate =
sin(angle)``, so that the two rates' squares sum to 1 (the variance of an image of unit variance is kept).
Time 0 is not a clean image (its signal rate is 0.95), nor time 1 pure noise (0.02): the ends are kept off
0 and 1 so that neither rate vanishes, which the noise prediction divides by.
"""

import math
from typing import NamedTuple

from keras import ops

MIN_SIGNAL_RATE = 0.02
MAX_SIGNAL_RATE = 0.95


class Rates(NamedTuple):
    signal: object
    noise: object


def rates(times, min_signal_rate=MIN_SIGNAL_RATE, max_signal_rate=MAX_SIGNAL_RATE) -> Rates:
    """The signal and noise rates at diffusion ``times`` (a tensor or array of values in [0, 1])."""
    start, end = math.acos(max_signal_rate), math.acos(min_signal_rate)
    angles = start + ops.convert_to_tensor(times, "float32") * (end - start)
    return Rates(ops.cos(angles), ops.sin(angles))


def log_snr(rate: Rates):
    """λ = log(signal / noise): DPM-Solver's time variable, rising from pure noise to the data."""
    return ops.log(rate.signal) - ops.log(rate.noise)
