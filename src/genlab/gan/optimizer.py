"""RMSprop with one learning rate per player, so a single optimizer (one saved state) trains both networks."""

import keras


@keras.saving.register_keras_serializable(package="genlab")
class TwoPlayerRMSprop(keras.optimizers.RMSprop):
    """RMSprop where the first ``generator_variables`` variables (the generator's) use ``generator_learning_rate``.

    The discriminator's variables use ``learning_rate``. The split is by position in the variable list the
    optimizer is built with — the model's ``trainable_variables``, where the generator's come first because
    the model creates it first — which is the same list when a checkpoint is loaded.
    """

    def __init__(self, generator_variables, generator_learning_rate, learning_rate=1e-3, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.generator_variables = generator_variables
        self.generator_learning_rate = generator_learning_rate
        self._generator_scale = generator_learning_rate / float(learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        if self._get_variable_index(variable) < self.generator_variables:
            learning_rate = learning_rate * self._generator_scale
        super().update_step(gradient, variable, learning_rate)

    def get_config(self):
        config = super().get_config()
        config.update(generator_variables=self.generator_variables,
                      generator_learning_rate=self.generator_learning_rate)
        return config
