"""An exponential moving average of a network's weights, for the networks that make a run's samples (the
DCGAN's generator, the diffusion model's U-Net): the average of the last few hundred steps draws better than
the weights of any one step of an oscillating or noisy training."""

import keras
from keras import ops

from genlab.backend import compiled_assignment


def average_mover(averaged, live, momentum):
    """A compiled ``step → None`` that moves the ``averaged`` weights towards the ``live`` ones after
    optimizer step ``step`` (a tensor). The momentum starts low, ``(1 + step) / (10 + step)``, and rises to
    ``momentum``, so that the average soon forgets the random initial weights."""

    def moved(averages, weights, step):
        step = ops.cast(step, "float32")
        rate = ops.minimum(momentum, (1.0 + step) / (10.0 + step))
        return [rate * average + (1.0 - rate) * weight for average, weight in zip(averages, weights)]

    return compiled_assignment(averaged, live, moved)


class WeightAverage(keras.callbacks.Callback):
    """Update the model's averaged weights (its ``update_average()``) after every training step."""

    def on_train_batch_end(self, batch, logs=None):
        self.model.update_average()
