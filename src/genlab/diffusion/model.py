"""The diffusion model: a U-Net trained to predict the noise in noisy images, and its weight average.

Each training step draws, for every image, a diffusion time (uniform in [0, 1]) and Gaussian noise, mixes
them at the schedule's rates, and trains the U-Net to predict the noise with the mean absolute error (the
book's loss). With classes, each image's class is replaced by "no class" with probability ``label_dropout``,
so that one network learns both the conditional and the unconditional prediction, which classifier-free
guidance mixes. Images are in [−1, 1]; where the run asks (the ``book`` preset, ``--standardise``), the model
standardises them with the training data's mean and standard deviation per channel before adding noise, and
samples de-standardised, as the book's ``Normalization`` layer does, so that the schedule's noise levels are in
units of the data's spread (MNIST's is 0.55 in [−1, 1]: the last step's noise rate of 0.31 was more than half of
it). After 2,315 steps on MNIST, standardising took the FID of 5,000 samples from 92.18 to 75.42, but its digits
are thinner and guidance finds the requested digit about half as often, so the ``cpu`` preset leaves it off
(BENCHMARKS.md, "Diffusion: standardised images" and "Diffusion: guidance"). An exponential moving
average of the U-Net's weights (``average``, 0.999 in the book) draws the samples.
"""

import keras
import numpy as np
from keras import ops

from genlab.diffusion.samplers import sample
from genlab.diffusion.schedule import rates
from genlab.diffusion.unet import BOOK_WIDTHS, build_unet
from genlab.errors import GenlabError
from genlab.precision import dtype_policy
from genlab.training.averaging import average_mover


@keras.saving.register_keras_serializable(package="genlab")
class DiffusionModel(keras.Model):
    """Noise prediction for images of ``image_shape`` in [−1, 1]; ``classes`` > 0 makes it class-conditional
    (inputs ``(images, labels)``), 0 unconditional (inputs: images). ``sampler`` and ``sampling_steps`` are the
    defaults of :meth:`generate`, kept with the model so that a loaded model samples as its run does.
    ``data_mean`` and ``data_std`` (per channel, in [−1, 1] units) standardise the images; by default 0 and 1,
    no change."""

    def __init__(self, image_shape, widths=BOOK_WIDTHS, block_depth=2, classes=0, label_dropout=0.1,
                 average=0.999, precision="float32", seed=None, sampler="ddim", sampling_steps=20, condition="input",
                 data_mean=None, data_std=None, **kwargs):
        super().__init__(**kwargs)
        channels = image_shape[-1]
        self.data_mean = [0.0] * channels if data_mean is None else [float(value) for value in data_mean]
        self.data_std = [1.0] * channels if data_std is None else [float(value) for value in data_std]
        self.sampler, self.sampling_steps = sampler, sampling_steps
        self.image_shape = tuple(image_shape)
        self.widths, self.block_depth, self.classes, self.condition = tuple(widths), block_depth, classes, condition
        self.label_dropout, self.average, self.precision, self.seed = label_dropout, average, precision, seed
        with dtype_policy(precision):
            self.network = build_unet(self.image_shape, self.widths, block_depth, classes, condition=condition)
            self.averaged_network = build_unet(self.image_shape, self.widths, block_depth, classes, condition=condition)
        self.averaged_network.name = "averaged_network"
        self.averaged_network.trainable = False
        self.averaged_network.set_weights(self.network.get_weights())
        self._move_average = average_mover(self.averaged_network.weights, self.network.weights, average)
        self.noise = keras.random.SeedGenerator(seed)
        self.noise_loss = keras.metrics.Mean(name="noise_loss")

    def call(self, inputs, training=False):
        images, labels = inputs if self.classes else (inputs, None)
        images = self.standardise(images)
        batch = ops.shape(images)[0]
        rate = rates(keras.random.uniform((batch, 1, 1, 1), seed=self.noise))
        noise = keras.random.normal(ops.shape(images), seed=self.noise)
        network_inputs = [rate.signal * images + rate.noise * noise, rate.noise**2]
        if self.classes:
            dropped = keras.random.uniform((batch,), seed=self.noise) < self.label_dropout
            network_inputs.append(ops.where(dropped, self.classes, ops.cast(labels, "int32")))
        return {"noise": noise, "predicted": self.network(network_inputs, training=training)}

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        loss = ops.mean(ops.abs(y_pred["noise"] - ops.cast(y_pred["predicted"], "float32")))
        self.noise_loss.update_state(loss)
        return loss

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        return {"noise_loss": self.noise_loss.result()}

    @property
    def metrics(self):
        return [self.noise_loss]

    def standardise(self, images):
        """Images in [−1, 1] → the units the U-Net learns in (the data's mean 0, standard deviation 1)."""
        return (images - np.asarray(self.data_mean, "float32")) / np.asarray(self.data_std, "float32")

    def destandardise(self, images):
        """The U-Net's units → images in [−1, 1] (not clipped)."""
        return images * np.asarray(self.data_std, "float32") + np.asarray(self.data_mean, "float32")

    def update_average(self):
        self._move_average(self.optimizer.iterations.value)

    def generate(self, count, steps=None, sampler=None, label=None, guidance=1.0, eta=0.0, seed=None,
                 on_step=None, noise=None, replace=None, clip=False):
        """``count`` images in [−1, 1] from the averaged U-Net (see :func:`genlab.diffusion.samplers.sample`;
        ``steps`` and ``sampler`` default to the model's), starting from ``noise`` if given, else from Gaussian
        noise drawn with ``seed``. ``on_step`` sees its images and estimates in [−1, 1]; ``replace`` works in
        the U-Net's units (:meth:`standardise`); ``clip`` keeps each clean-image estimate in [−1, 1].

        ``label`` (one class, or one per image) asks a class-conditional model for that class; ``guidance`` w
        mixes the conditional and the unconditional predictions as ``unconditional + w · (conditional −
        unconditional)`` (0: unconditional, 1: conditional, above 1: more of the class than the data has).
        """
        labels = self.check_labels(label, count)
        if guidance < 0:
            raise GenlabError(f"--guidance must be 0 or more, not {guidance}")
        start = np.random.default_rng(seed).standard_normal((count, *self.image_shape)).astype("float32") \
            if noise is None else noise
        steps = self.sampling_steps if steps is None else steps
        shown = None if on_step is None else \
            lambda step, images, estimate: on_step(step, self.destandardise(images), self.destandardise(estimate))
        bounds = (self.standardise(-1.0), self.standardise(1.0)) if clip else None
        images = sample(self._noise_predictor(count, labels, guidance), start, steps, sampler or self.sampler,
                        eta=eta, seed=seed, on_step=shown, replace=replace, clip=bounds)
        return ops.convert_to_numpy(ops.clip(self.destandardise(images), -1.0, 1.0))

    def check_labels(self, label, count):
        """``label`` as one int32 class per image (None stays None), or a GenlabError naming what is wrong."""
        if label is None:
            return None
        if not self.classes:
            raise GenlabError("--class needs a class-conditional model; this one was trained without labels")
        labels = np.broadcast_to(np.asarray(label), (count,)).astype("int32")
        wrong = labels[(labels < 0) | (labels >= self.classes)]
        if len(wrong):
            raise GenlabError(f"--class {wrong[0]} is not one of this model's classes 0–{self.classes - 1}")
        return labels

    def _noise_predictor(self, count, labels, guidance):
        def network(images, rate, labels):
            inputs = [ops.convert_to_numpy(images), np.full((count, 1, 1, 1), rate.noise**2, "float32")]
            return self.averaged_network.predict_on_batch(inputs + labels).astype("float32")

        def predict(images, rate):
            if not self.classes:
                return network(images, rate, [])
            if labels is not None and guidance == 1:  # the mix is the conditional prediction alone
                return network(images, rate, [labels])
            unconditional = network(images, rate, [np.full((count,), self.classes, "int32")])
            if labels is None or guidance == 0:
                return unconditional
            conditional = network(images, rate, [labels])
            return unconditional + guidance * (conditional - unconditional)

        return predict

    def get_config(self):
        return {"name": self.name, "image_shape": list(self.image_shape), "widths": list(self.widths),
                "block_depth": self.block_depth, "classes": self.classes, "label_dropout": self.label_dropout,
                "average": self.average, "precision": self.precision, "seed": self.seed, "sampler": self.sampler,
                "sampling_steps": self.sampling_steps, "condition": self.condition,
                "data_mean": self.data_mean, "data_std": self.data_std}
