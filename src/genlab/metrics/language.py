"""Language-model metrics from a mean cross-entropy in nats per token."""

import math


def bits_per_token(nats):
    """Bits per character (or per token): the cross-entropy in base 2."""
    return nats / math.log(2)


def perplexity(nats):
    return math.exp(min(nats, 700.0))


def describe(kind, nats):
    """``"2.31 bits/char"`` for character models, ``"perplexity 187.4"`` for word models."""
    if kind == "char":
        return f"{bits_per_token(nats):.3f} bits/char"
    return f"perplexity {perplexity(nats):.1f}"
