"""The ranges that numeric settings must lie in, checked alike by the command line and the library.

A value outside its range is a GenlabError that names the setting and the range. NaN and the infinities lie
outside every range: no setting means anything with them, and most would fail far from where they were given
(a NaN step size dreams a grey image; an infinite scale divides by zero octaves later).
"""

import math
import numbers
from dataclasses import dataclass

from genlab.errors import GenlabError


@dataclass(frozen=True)
class Range:
    """Finite numbers from ``low`` to ``high`` (either may be None: unbounded), ends excluded when ``*_open``."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    integer: bool = False
    multiple: int = 1  # integers only: they must be multiples of this

    def contains(self, value) -> bool:
        kind = numbers.Integral if self.integer else numbers.Real
        if isinstance(value, bool) or not isinstance(value, kind) or not math.isfinite(value):
            return False
        above = self.low is None or (value > self.low if self.low_open else value >= self.low)
        below = self.high is None or (value < self.high if self.high_open else value <= self.high)
        return above and below and (not self.integer or value % self.multiple == 0)

    def describe(self) -> str:
        """``"a whole number of at least 1"``, ``"a number in [0, 1)"`` …"""
        kind = "a whole number" if self.integer else "a number"
        if self.multiple > 1:
            kind = f"a multiple of {self.multiple}"
        if self.low is not None and self.high is not None:
            opening, closing = "(" if self.low_open else "[", ")" if self.high_open else "]"
            return f"{kind} in {opening}{self.low:g}, {self.high:g}{closing}"
        if self.low is not None:
            return f"{kind} {'above' if self.low_open else 'of at least'} {self.low:g}"
        if self.high is not None:
            return f"{kind} {'below' if self.high_open else 'of at most'} {self.high:g}"
        return f"a finite {kind[2:]}"

    def check(self, name: str, value):
        """``value`` if it lies in the range, else a GenlabError: "NAME must be <range>, not VALUE"."""
        if not self.contains(value):
            raise GenlabError(f"{name} must be {self.describe()}, not {value}")
        return value


COUNT = Range(1, integer=True)
COUNT_OR_ZERO = Range(0, integer=True)
POSITIVE = Range(0, low_open=True)
NON_NEGATIVE = Range(0)
FINITE = Range()
FRACTION = Range(0, 1, high_open=True)
SEED = Range(0, 2**32 - 1, integer=True)


def check_all(name, values, allowed: Range):
    """``values`` (a non-empty sequence) if every one lies in ``allowed``, else a GenlabError."""
    if not len(values):
        raise GenlabError(f"give at least one {name}")
    for value in values:
        allowed.check(name, value)
    return values


# Ranges of particular settings. They live here, not beside the code that uses them, because the command line
# checks them while parsing and must not import that code (it imports Keras, which takes seconds).

#: DeepDream's smallest octave and tile, in pixels: MobileNetV2 and VGG16 shrink an input 32-fold.
MIN_DREAM_SIDE = 32
DREAM_TILE = Range(MIN_DREAM_SIDE, integer=True)
OCTAVE_SCALE = Range(1, low_open=True)
ZOOM = Range(1, 2, low_open=True)
STYLE_HEIGHT = Range(32, integer=True)
STYLE_SCALE = Range(0, 10, low_open=True)
FAST_STYLE_CROP = Range(16, integer=True, multiple=4)
NETWORK_WIDTH = Range(1, 256, integer=True)
VAE_IMAGE_SIDE = Range(2, integer=True, multiple=2)
FEATURE_SIZE = Range(32, integer=True)  # MobileNetV2's input for FID/KID
MORPH_FRAMES = Range(2, integer=True)
FID_SAMPLES = Range(2, integer=True)
TOP_P = Range(0, 1, low_open=True)
QUANTILE = Range(0, 1, low_open=True, high_open=True)
PORT = Range(1, 65535, integer=True)
FPS = Range(0, 1000, low_open=True)  # frames per second of a folder of frames
DDIM_ETA = Range(0, 1)  # 0 deterministic, 1 DDPM-like; above 1 the fresh noise would exceed the step's noise
