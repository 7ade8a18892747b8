"""Optimizers by name, so presets and command lines can say ``rmsprop`` or ``adam``."""

import keras

from genlab.errors import GenlabError

OPTIMIZERS = {"rmsprop": keras.optimizers.RMSprop, "adam": keras.optimizers.Adam, "adamw": keras.optimizers.AdamW,
              "sgd": keras.optimizers.SGD}


def make_optimizer(name, learning_rate, clipnorm=None, clipvalue=None, warmup_steps=0):
    """The named optimizer; with ``warmup_steps``, its learning rate rises linearly from 0 over that many steps
    (a schedule saved with the optimizer, so a resumed run continues it)."""
    if warmup_steps:
        learning_rate = keras.optimizers.schedules.CosineDecay(0.0, decay_steps=1, alpha=1.0,
                                                               warmup_target=learning_rate, warmup_steps=warmup_steps)
    if name not in OPTIMIZERS:
        raise GenlabError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")
    return OPTIMIZERS[name](learning_rate=learning_rate, clipnorm=clipnorm, clipvalue=clipvalue)
