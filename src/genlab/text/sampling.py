"""Choosing the next token: softmax temperature, greedy, top-k and nucleus (top-p) sampling.

Sampling runs inside the compiled generation loop, so it is written with ``keras.ops`` only. It draws by
inverse CDF from uniforms made up front by NumPy: the same seed then gives the same text on every backend.
"""

import numpy as np
from keras import ops

NEGATIVE = -1e9


def reweight(probabilities, temperature):
    """The book's formula, for reference and tests: ``p' = exp(log(p) / T) / sum(exp(log(p) / T))``."""
    logits = np.log(np.asarray(probabilities, dtype=np.float64)) / temperature
    weights = np.exp(logits - logits.max())
    return weights / weights.sum()


def filter_logits(logits, top_k=0, top_p=1.0):
    """Set the logits outside the ``top_k`` most likely tokens, or outside the smallest set whose probability
    reaches ``top_p``, to a large negative value. ``top_k=0`` and ``top_p=1`` switch the filters off."""
    if top_k:
        kth_largest = ops.top_k(logits, top_k)[0][:, -1:]
        logits = ops.where(logits < kth_largest, NEGATIVE, logits)
    if top_p < 1.0:
        descending = ops.flip(ops.sort(logits, axis=-1), axis=-1)
        probabilities = ops.softmax(descending, axis=-1)
        mass_before = ops.cumsum(probabilities, axis=-1) - probabilities
        kept = ops.where(mass_before < top_p, descending, ops.max(descending, axis=-1, keepdims=True))
        threshold = ops.min(kept, axis=-1, keepdims=True)
        logits = ops.where(logits < threshold, NEGATIVE, logits)
    return logits


def sample_next(logits, temperatures, uniforms, top_k=0, top_p=1.0):
    """One token id per row of ``logits`` (batch, vocab).

    ``temperatures`` (batch,) divides the logits — identical to the book's reweighting of probabilities;
    a temperature of 0 means greedy (argmax). ``uniforms`` (batch,) in [0, 1) pick the token by inverse CDF.
    """
    logits = ops.cast(logits, "float32")
    greedy = ops.argmax(logits, axis=-1)
    scale = ops.maximum(temperatures, 1e-6)[:, None]
    probabilities = ops.softmax(filter_logits(logits / scale, top_k, top_p), axis=-1)
    cumulative = ops.cumsum(probabilities, axis=-1)
    threshold = uniforms[:, None] * cumulative[:, -1:]
    drawn = ops.sum(ops.cast(cumulative <= threshold, "int32"), axis=-1)
    drawn = ops.minimum(drawn, ops.shape(logits)[-1] - 1)
    return ops.where(temperatures <= 0, ops.cast(greedy, "int32"), drawn)
