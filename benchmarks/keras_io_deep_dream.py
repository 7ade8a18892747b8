"""keras-io's DeepDream ("Deep Dream", examples/generative/deep_dream.py), ported for the benchmarks.

The recipe as keras-io runs it: its loss (each layer's squared activations summed without a 2-pixel border,
divided by the size of the *whole* activation, weighted, summed), its ``@tf.function`` ascent step made once
and called for every step of every octave on the whole image, its gradient normalisation
(``max(mean|g|, 1e-6)``), its octave shapes (``int(dim / scale**i)``), ``tf.image.resize`` and detail
re-injection, and its early stop (the step that crosses ``max_loss`` is kept, then the octave ends). Only the
network is swapped: any genlab backbone with its own preprocessing, instead of InceptionV3.
"""

import numpy as np
import tensorflow as tf


class KerasIoDeepDream:
    """The keras-io recipe around ``network`` (a genlab Backbone) and ``layer_settings`` {name: weight}."""

    def __init__(self, network, layer_settings):
        self.network = network
        self.layer_settings = dict(layer_settings)
        self.feature_extractor = network.feature_extractor(list(layer_settings))
        self.gradient_ascent_step = tf.function(self._gradient_ascent_step)  # made once, as keras-io's

    def compute_loss(self, input_image):
        features = self.feature_extractor(input_image)
        loss = tf.zeros(shape=())
        for name in features.keys():
            coeff = self.layer_settings[name]
            activation = features[name]
            scaling = tf.reduce_prod(tf.cast(tf.shape(activation), "float32"))
            loss += coeff * tf.reduce_sum(tf.square(activation[:, 2:-2, 2:-2, :])) / scaling
        return loss

    def _gradient_ascent_step(self, img, learning_rate):
        with tf.GradientTape() as tape:
            tape.watch(img)
            loss = self.compute_loss(img)
        grads = tape.gradient(loss, img)
        grads /= tf.maximum(tf.reduce_mean(tf.abs(grads)), 1e-6)
        img += learning_rate * grads
        return loss, img

    def gradient_ascent_loop(self, img, iterations, learning_rate, max_loss=None):
        for _ in range(iterations):
            loss, img = self.gradient_ascent_step(img, learning_rate)
            if max_loss is not None and loss > max_loss:
                break
        return img

    def dream(self, image, step=0.01, num_octave=3, octave_scale=1.4, iterations=20, max_loss=10.0):
        """RGB 0..255 (H, W, 3) → the dreamed RGB image as uint8, as keras-io saves it."""
        original_img = np.asarray(self.network.preprocess(np.asarray(image, "float32")))[None]
        original_shape = original_img.shape[1:3]
        successive_shapes = [original_shape]
        for i in range(1, num_octave):
            successive_shapes.append(tuple(int(dim / (octave_scale**i)) for dim in original_shape))
        successive_shapes = successive_shapes[::-1]
        shrunk_original_img = tf.image.resize(original_img, successive_shapes[0])
        img = tf.identity(original_img)
        for shape in successive_shapes:
            img = tf.image.resize(img, shape)
            img = self.gradient_ascent_loop(img, iterations=iterations, learning_rate=step, max_loss=max_loss)
            upscaled_shrunk_original_img = tf.image.resize(shrunk_original_img, shape)
            same_size_original = tf.image.resize(original_img, shape)
            img += same_size_original - upscaled_shrunk_original_img
            shrunk_original_img = tf.image.resize(original_img, shape)
        return np.clip(np.asarray(self.network.deprocess(img[0])), 0, 255).astype("uint8")
