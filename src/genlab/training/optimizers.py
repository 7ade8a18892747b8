"""Optimizers by name, so presets and command lines can say ``rmsprop`` or ``adam``."""

import keras

from genlab.errors import GenlabError

OPTIMIZERS = {"rmsprop": keras.optimizers.RMSprop, "adam": keras.optimizers.Adam, "adamw": keras.optimizers.AdamW,
              "sgd": keras.optimizers.SGD}


def make_optimizer(name, learning_rate, clipnorm=None, clipvalue=None):
    if name not in OPTIMIZERS:
        raise GenlabError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")
    return OPTIMIZERS[name](learning_rate=learning_rate, clipnorm=clipnorm, clipvalue=clipvalue)
