"""The anchors' code as the benchmarks run it: the other side of a comparison must compute and compile as the
anchor does, or the comparison favours genlab (issue 11: a DeepDream step re-traced on every call, genlab's loss
on keras-io's side, a discriminator trained with its dropout on)."""

import sys
from pathlib import Path

import keras
import numpy as np
import pytest

from genlab.backbones import Backbone
from genlab.backbones.preprocessing import Symmetric

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

tf = pytest.importorskip("tensorflow")
pytestmark = pytest.mark.skipif(keras.backend.backend() != "tensorflow",
                                reason="keras-io's recipes are TensorFlow code")


def small_backbone():
    inputs = keras.Input((None, None, 3))
    first = keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="first")(inputs)
    second = keras.layers.Conv2D(6, 3, strides=2, padding="same", activation="relu", name="second")(first)
    return Backbone("small", keras.Model(inputs, {"first": first, "second": second}), Symmetric())


def test_keras_ios_dream_step_is_compiled_once_per_shape_for_every_dream():
    from keras_io_deep_dream import KerasIoDeepDream

    recipe = KerasIoDeepDream(small_backbone(), {"first": 1.0, "second": 0.5})
    photo = np.random.default_rng(0).uniform(0, 255, (60, 80, 3)).astype("float32")
    recipe.dream(photo, iterations=2)
    recipe.dream(photo, iterations=3)
    assert recipe.gradient_ascent_step.experimental_get_tracing_count() == 3  # one per octave shape, not per call


def test_keras_ios_dream_loss_is_its_own():
    # each layer's squared activations without a 2-pixel border, over the size of the whole map (genlab's loss
    # once divided by the cropped size instead)
    from keras_io_deep_dream import KerasIoDeepDream

    network = small_backbone()
    recipe = KerasIoDeepDream(network, {"first": 1.0, "second": 0.5})
    x = np.random.default_rng(1).uniform(-1, 1, (1, 20, 24, 3)).astype("float32")
    maps = {name: np.asarray(value) for name, value in network.feature_extractor(["first", "second"])(x).items()}
    expected = sum(weight * np.sum(maps[name][:, 2:-2, 2:-2] ** 2) / maps[name].size
                   for name, weight in {"first": 1.0, "second": 0.5}.items())
    assert float(recipe.compute_loss(x)) == pytest.approx(expected, rel=1e-5)


def test_keras_ios_gan_calls_its_discriminator_without_training_so_dropout_stays_off():
    from gan_step_time import SHAPE, KerasIoGAN

    from genlab.gan.presets import PRESETS
    from genlab.gan.train import build_model

    settings = {**PRESETS["book"], "batch_size": 2}
    networks = build_model(settings, SHAPE, seed=0)
    seen = []

    class Watched(keras.Model):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def call(self, images, training=None):
            seen.append(training)
            return self.inner(images, training=training)

    recipe = KerasIoGAN(networks.generator, Watched(networks.discriminator), settings["latent_dim"])
    recipe.compile(keras.optimizers.RMSprop(1e-4), keras.optimizers.RMSprop(1e-4))
    recipe.train_on_batch(np.zeros((2, *SHAPE), "float32"))
    assert seen and not any(seen)
