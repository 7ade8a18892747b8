"""Numeric precision of a model's computation: ``float32``, ``mixed_bfloat16`` (bfloat16 compute, float32
weights), ``mixed_float16`` (float16 compute with loss scaling, for GPUs without fast bfloat16), or ``auto``,
which picks bfloat16 only where this CPU runs it in hardware.

bfloat16 made VGG16 3.4× faster on a CPU with AMX, and 4–10× slower on one with AVX2 alone, where it is
emulated (BENCHMARKS.md), so no fixed choice is right on both. A run resolves ``auto`` when it starts and
records the result, so that a resumed run computes as it began.
"""

import contextlib

from genlab.errors import GenlabError

PRECISIONS = ("auto", "float32", "mixed_bfloat16", "mixed_float16")


def resolve_precision(precision):
    """``precision`` checked, with ``auto`` replaced by what suits this machine."""
    if precision not in PRECISIONS:
        raise GenlabError(f"unknown precision {precision!r}; choose one of {', '.join(PRECISIONS)}")
    if precision != "auto":
        return precision
    from genlab.backend import bfloat16_is_fast

    return "mixed_bfloat16" if bfloat16_is_fast() else "float32"


@contextlib.contextmanager
def dtype_policy(precision):
    """Build layers inside the block in the Keras dtype policy ``precision`` (resolved: not ``auto``)."""
    import keras

    previous = keras.mixed_precision.dtype_policy()
    keras.mixed_precision.set_dtype_policy(precision)
    try:
        yield
    finally:
        keras.mixed_precision.set_dtype_policy(previous)
