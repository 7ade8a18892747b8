"""keras-io's "Denoising Diffusion Implicit Models" (examples/generative/ddim.py, the book's chapter 17 recipe),
ported for the benchmarks: the anchor that genlab's diffusion ``cpu`` preset is compared with.

As keras-io runs it: a ``Normalization`` layer adapted to the training images (the model works on standardised
images and de-normalises its samples), the residual U-Net (widths 32/64/96/128, two blocks per level,
BatchNorm without centre or scale, swish, average pooling, bilinear up-sampling, a zero-initialised output),
the 32-d sinusoidal noise embedding (frequencies 1 to 1000), the cosine angle schedule (signal rates 0.02 to
0.95), the noise-prediction MAE loss, AdamW (1e-3, weight decay 1e-4), an exponential moving average of
momentum 0.999 updated after every step from the first one, and its sampler: ``diffusion_steps`` DDIM steps
from time 1, returning the last step's image estimate. Its ``train_step`` is one ``tf.GradientTape`` step,
compiled once by ``fit``. Two things differ, both without effect on what is computed: the noise shape comes
from the batch, not from the notebook's global ``batch_size`` (its batches all have that size anyway), and
the images are MNIST digits padded to 32×32 (one channel) instead of 64-px flowers.
"""

import math

import keras
import tensorflow as tf
from keras import layers

WIDTHS = [32, 64, 96, 128]
BLOCK_DEPTH = 2
EMBEDDING_DIMS = 32
EMBEDDING_MAX_FREQUENCY = 1000.0
MIN_SIGNAL_RATE = 0.02
MAX_SIGNAL_RATE = 0.95
BATCH_SIZE = 64
EMA = 0.999
LEARNING_RATE = 1e-3
WEIGHT_DECAY = 1e-4


@keras.saving.register_keras_serializable()  # as keras-io's Keras 3 version: clone_model re-creates the Lambda
def sinusoidal_embedding(x):
    frequencies = tf.exp(tf.linspace(tf.math.log(1.0), tf.math.log(EMBEDDING_MAX_FREQUENCY), EMBEDDING_DIMS // 2))
    angular_speeds = 2.0 * math.pi * frequencies
    return tf.concat([tf.sin(angular_speeds * x), tf.cos(angular_speeds * x)], axis=3)


def residual_block(x, width):
    residual = x if x.shape[3] == width else layers.Conv2D(width, kernel_size=1)(x)
    x = layers.BatchNormalization(center=False, scale=False)(x)
    x = layers.Conv2D(width, kernel_size=3, padding="same", activation=keras.activations.swish)(x)
    x = layers.Conv2D(width, kernel_size=3, padding="same")(x)
    return layers.Add()([x, residual])


def get_network(image_size, channels, widths=WIDTHS, block_depth=BLOCK_DEPTH):
    noisy_images = keras.Input(shape=(image_size, image_size, channels))
    noise_variances = keras.Input(shape=(1, 1, 1))
    e = layers.Lambda(sinusoidal_embedding, output_shape=(1, 1, EMBEDDING_DIMS))(noise_variances)
    e = layers.UpSampling2D(size=image_size, interpolation="nearest")(e)
    x = layers.Conv2D(widths[0], kernel_size=1)(noisy_images)
    x = layers.Concatenate()([x, e])
    skips = []
    for width in widths[:-1]:
        for _ in range(block_depth):
            x = residual_block(x, width)
            skips.append(x)
        x = layers.AveragePooling2D(pool_size=2)(x)
    for _ in range(block_depth):
        x = residual_block(x, widths[-1])
    for width in reversed(widths[:-1]):
        x = layers.UpSampling2D(size=2, interpolation="bilinear")(x)
        for _ in range(block_depth):
            x = layers.Concatenate()([x, skips.pop()])
            x = residual_block(x, width)
    x = layers.Conv2D(channels, kernel_size=1, kernel_initializer="zeros")(x)
    return keras.Model([noisy_images, noise_variances], x, name="residual_unet")


class KerasIoDiffusionModel(keras.Model):
    def __init__(self, image_size, channels):
        super().__init__()
        self.image_size, self.channels = image_size, channels
        self.normalizer = layers.Normalization()
        self.network = get_network(image_size, channels)
        self.ema_network = keras.models.clone_model(self.network)

    def compile(self, **kwargs):
        super().compile(**kwargs)
        self.noise_loss_tracker = keras.metrics.Mean(name="n_loss")
        self.image_loss_tracker = keras.metrics.Mean(name="i_loss")

    @property
    def metrics(self):
        return [self.noise_loss_tracker, self.image_loss_tracker]

    def denormalize(self, images):
        images = self.normalizer.mean + images * self.normalizer.variance**0.5
        return tf.clip_by_value(images, 0.0, 1.0)

    def diffusion_schedule(self, diffusion_times):
        start_angle = tf.acos(MAX_SIGNAL_RATE)
        end_angle = tf.acos(MIN_SIGNAL_RATE)
        diffusion_angles = start_angle + diffusion_times * (end_angle - start_angle)
        return tf.sin(diffusion_angles), tf.cos(diffusion_angles)

    def denoise(self, noisy_images, noise_rates, signal_rates, training):
        network = self.network if training else self.ema_network
        pred_noises = network([noisy_images, noise_rates**2], training=training)
        pred_images = (noisy_images - noise_rates * pred_noises) / signal_rates
        return pred_noises, pred_images

    def reverse_diffusion(self, initial_noise, diffusion_steps):
        num_images = initial_noise.shape[0]
        step_size = 1.0 / diffusion_steps
        next_noisy_images = initial_noise
        for step in range(diffusion_steps):
            noisy_images = next_noisy_images
            diffusion_times = tf.ones((num_images, 1, 1, 1)) - step * step_size
            noise_rates, signal_rates = self.diffusion_schedule(diffusion_times)
            pred_noises, pred_images = self.denoise(noisy_images, noise_rates, signal_rates, training=False)
            next_noise_rates, next_signal_rates = self.diffusion_schedule(diffusion_times - step_size)
            next_noisy_images = next_signal_rates * pred_images + next_noise_rates * pred_noises
        return pred_images

    def generate(self, num_images, diffusion_steps):
        initial_noise = tf.random.normal(shape=(num_images, self.image_size, self.image_size, self.channels))
        return self.denormalize(self.reverse_diffusion(initial_noise, diffusion_steps))

    def train_step(self, images):
        images = self.normalizer(images, training=True)
        noises = tf.random.normal(shape=tf.shape(images))
        diffusion_times = tf.random.uniform(shape=(tf.shape(images)[0], 1, 1, 1), minval=0.0, maxval=1.0)
        noise_rates, signal_rates = self.diffusion_schedule(diffusion_times)
        noisy_images = signal_rates * images + noise_rates * noises
        with tf.GradientTape() as tape:
            pred_noises, pred_images = self.denoise(noisy_images, noise_rates, signal_rates, training=True)
            noise_loss = self.loss(noises, pred_noises)
            image_loss = self.loss(images, pred_images)
        gradients = tape.gradient(noise_loss, self.network.trainable_weights)
        self.optimizer.apply_gradients(zip(gradients, self.network.trainable_weights))
        self.noise_loss_tracker.update_state(noise_loss)
        self.image_loss_tracker.update_state(image_loss)
        for weight, ema_weight in zip(self.network.weights, self.ema_network.weights):
            ema_weight.assign(EMA * ema_weight + (1 - EMA) * weight)
        return {m.name: m.result() for m in self.metrics}


def build(images):
    """The keras-io model for ``images`` (N, S, S, C) in [0, 1], compiled and adapted as keras-io does."""
    model = KerasIoDiffusionModel(images.shape[1], images.shape[3])
    model.compile(optimizer=keras.optimizers.AdamW(learning_rate=LEARNING_RATE, weight_decay=WEIGHT_DECAY),
                  loss=keras.losses.mean_absolute_error)
    model.normalizer.adapt(images)
    return model


def dataset(images, seed=0):
    """keras-io's pipeline over images held in memory: shuffled in a buffer of 10 batches, whole batches only."""
    return (tf.data.Dataset.from_tensor_slices(images).repeat().shuffle(10 * BATCH_SIZE, seed=seed)
            .batch(BATCH_SIZE, drop_remainder=True).prefetch(buffer_size=tf.data.AUTOTUNE))
