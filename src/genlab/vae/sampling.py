"""The reparameterisation trick: z = μ + σ·ε with ε ~ N(0, I), so gradients flow through μ and log σ²."""

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="genlab")
class LatentSample(keras.layers.Layer):
    """Draw z = z_mean + exp(½·z_log_var)·ε.

    Training and evaluation draw from separate seeded generators, so evaluating the test set never changes
    the noise that training sees. genlab's checkpoints keep both generators' states, so a resumed run draws
    exactly the ε an uninterrupted run would have drawn.
    """

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.training_noise = keras.random.SeedGenerator(seed)
        self.evaluation_noise = keras.random.SeedGenerator(None if seed is None else seed + 1)

    def call(self, z_mean, z_log_var, training=False):
        noise = self.training_noise if training else self.evaluation_noise
        epsilon = keras.random.normal(ops.shape(z_mean), dtype=z_mean.dtype, seed=noise)
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon

    def get_config(self):
        return {**super().get_config(), "seed": self.seed}
