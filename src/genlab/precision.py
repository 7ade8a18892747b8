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
MIXED = ("mixed_bfloat16", "mixed_float16")


def resolve_precision(precision):
    """``precision`` checked, with ``auto`` replaced by what suits this machine."""
    if precision not in PRECISIONS:
        raise GenlabError(f"unknown precision {precision!r}; choose one of {', '.join(PRECISIONS)}")
    if precision != "auto":
        return precision
    from genlab.backend import bfloat16_is_fast

    return "mixed_bfloat16" if bfloat16_is_fast() else "float32"


def emulated_note(precision):
    """A note for a ``mixed_*`` precision that this machine emulates (slower than float32), else None: a GPU
    example run on a laptop should say why it crawls."""
    from genlab.backend import bfloat16_is_fast, float16_is_fast

    fast = {"mixed_float16": float16_is_fast, "mixed_bfloat16": bfloat16_is_fast}.get(precision)
    if fast is None or fast():
        return None
    number = precision.removeprefix("mixed_")
    return (f"note: {number} is emulated on this machine, several times slower than float32 here "
            "(`genlab info` lists what is fast); --precision float32 trains faster")


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


def dtype_policies(layer):
    """The names of the dtype policies of ``layer`` and of every layer inside it."""
    return {layer.dtype_policy.name}.union(*(dtype_policies(inner) for inner in getattr(layer, "layers", [])))


def in_float32(network):
    """``network``, or, where it computes in a mixed precision, a copy of it that computes in float32, with the
    same weights (float32 in either). Converters and runtimes (TFLite, ONNX Runtime) lack bfloat16 kernels, and
    a network exported for deployment should not depend on the CPU it was trained on."""
    import keras

    if not dtype_policies(network) & set(MIXED):
        return network
    copy = keras.saving.deserialize_keras_object(_float32(keras.saving.serialize_keras_object(network)))
    copy.set_weights(network.get_weights())
    return copy


def _float32(config):
    """A serialised Keras object with every dtype policy, precision and tensor dtype set to float32."""
    if isinstance(config, dict):
        if config.get("class_name") == "DTypePolicy":
            return "float32"
        return {key: "float32" if key == "precision" and value in MIXED else _float32(value)
                for key, value in config.items()}
    if isinstance(config, list):
        return [_float32(item) for item in config]
    return "float32" if config in ("bfloat16", "float16") else config
