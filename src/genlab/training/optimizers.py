"""Optimizers by name, so presets and command lines can say ``rmsprop`` or ``adam``; and loss scaling for
float16 training."""

import keras

from genlab.errors import GenlabError

OPTIMIZERS = {"rmsprop": keras.optimizers.RMSprop, "adam": keras.optimizers.Adam, "adamw": keras.optimizers.AdamW,
              "sgd": keras.optimizers.SGD}


def make_optimizer(name, learning_rate, clipnorm=None, clipvalue=None, warmup_steps=0, precision="float32"):
    """The named optimizer; with ``warmup_steps``, its learning rate rises linearly from 0 over that many steps
    (a schedule saved with the optimizer, so a resumed run continues it); under ``precision`` mixed_float16,
    wrapped in dynamic loss scaling (see :func:`loss_scaled`)."""
    if warmup_steps:
        learning_rate = keras.optimizers.schedules.CosineDecay(0.0, decay_steps=1, alpha=1.0,
                                                               warmup_target=learning_rate, warmup_steps=warmup_steps)
    if name not in OPTIMIZERS:
        raise GenlabError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")
    return loss_scaled(OPTIMIZERS[name](learning_rate=learning_rate, clipnorm=clipnorm, clipvalue=clipvalue), precision)


def loss_scaled(optimizer, precision):
    """``optimizer`` with dynamic loss scaling under ``mixed_float16`` (whose small gradients would otherwise
    underflow to zero), else ``optimizer`` itself."""
    return StepCountingLossScaleOptimizer(optimizer) if precision == "mixed_float16" else optimizer


@keras.saving.register_keras_serializable(package="genlab")
class StepCountingLossScaleOptimizer(keras.optimizers.LossScaleOptimizer):
    """Keras' dynamic loss scaling, except that a step it skips (an overflowing gradient: the scale halves and
    the weights stay) still counts. The optimizer's iterations are genlab's global step, the number of batches
    consumed, from which every batch and every resume is derived."""

    def _stateful_handle_non_finite_grads(self):
        super()._stateful_handle_non_finite_grads()
        self.iterations.assign_add(1)

    def _stateless_handle_non_finite_grads(self, optimizer_variables, trainable_variables):
        trainable_variables, optimizer_variables = super()._stateless_handle_non_finite_grads(
            optimizer_variables, trainable_variables)
        index = next(i for i, variable in enumerate(self.variables) if variable is self.iterations)
        optimizer_variables[index] = optimizer_variables[index] + 1
        return trainable_variables, optimizer_variables
