"""The diffusion model: it learns to predict noise, drops labels as asked, averages its weights, samples
reproducibly with guidance, refuses what it cannot do, and reloads from a `.keras` file without code."""

import keras
import numpy as np
import pytest
from keras import ops

from genlab.diffusion.model import DiffusionModel
from genlab.errors import GenlabError

TINY = dict(image_shape=(8, 8, 1), widths=(8, 16), block_depth=1, seed=1)


def squares(count=64):
    rng = np.random.default_rng(0)
    images = -np.ones((count, 8, 8, 1), "float32")
    for image in images:
        top, left = rng.integers(0, 5, 2)
        image[top:top + 4, left:left + 4] = 1.0
    return images, (np.arange(count) % 3).astype("int32")


def compiled(model):
    model.compile(optimizer=keras.optimizers.AdamW(1e-3, weight_decay=1e-4))
    return model


def test_training_lowers_the_noise_loss():
    images, _ = squares()
    model = compiled(DiffusionModel(**TINY))
    history = model.fit(images, batch_size=16, epochs=8, verbose=0, shuffle=False).history["noise_loss"]
    # Predicting no noise scores E|ε| = √(2/π) ≈ 0.80, as the zero-initialised network does at first.
    assert history[0] > 0.75 and history[-1] < 0.72, history


def _predictions_for(model, images, labels):
    state = ops.convert_to_numpy(model.noise.state.value)
    predicted = ops.convert_to_numpy(model((images, labels))["predicted"])
    model.noise.state.assign(state)  # the next call draws the same times and noise
    return predicted


@pytest.mark.parametrize("dropout, labels_matter", [(0.0, True), (1.0, False)])
def test_labels_are_replaced_by_no_class_with_the_dropout_probability(dropout, labels_matter):
    images, labels = squares(8)
    model = DiffusionModel(**TINY, classes=3, label_dropout=dropout)
    output = model.network.get_layer("noise")
    output.kernel.assign(np.random.default_rng(0).standard_normal(output.kernel.shape).astype("float32"))
    first, second = _predictions_for(model, images, labels), _predictions_for(model, images, (labels + 1) % 3)
    assert (not np.allclose(first, second)) == labels_matter


def test_the_average_moves_towards_the_live_weights():
    model = compiled(DiffusionModel(**TINY, average=0.9))
    model.build((None, 8, 8, 1))
    live = model.network.get_layer("noise").kernel
    averaged = model.averaged_network.get_layer("noise").kernel
    live.assign(np.ones(live.shape, "float32"))
    model.update_average()  # step 0: momentum min(0.9, 1/10) = 0.1
    np.testing.assert_allclose(ops.convert_to_numpy(averaged), 0.9, atol=1e-6)


def test_sampling_is_reproducible_and_guidance_uses_the_class():
    model = DiffusionModel(**TINY, classes=3)
    output = model.averaged_network.get_layer("noise")
    output.kernel.assign(0.1 * np.random.default_rng(0).standard_normal(output.kernel.shape).astype("float32"))
    draw = lambda **options: model.generate(4, steps=3, seed=5, **options)  # noqa: E731
    images = draw(label=1, guidance=3.0)
    assert images.shape == (4, 8, 8, 1) and images.min() >= -1 and images.max() <= 1
    np.testing.assert_array_equal(images, draw(label=1, guidance=3.0))
    assert not np.allclose(images, draw(label=2, guidance=3.0))
    np.testing.assert_array_equal(draw(label=1, guidance=0.0), draw())  # guidance 0: the unconditional model


class Oracle:
    """Stands in for the averaged U-Net: the noise really in its input if the clean images were ``target``
    in the model's standardised units."""

    def __init__(self, target):
        self.target = target

    def predict_on_batch(self, inputs):
        images, variances = inputs[0], inputs[1]
        noise = np.sqrt(variances)
        return (images - np.sqrt(1.0 - variances) * self.target) / noise


def test_samples_and_their_steps_come_back_in_the_images_range_not_the_standardised_units():
    model = DiffusionModel(**TINY, data_mean=[-0.6], data_std=[0.4])
    target = np.random.default_rng(0).uniform(-1, 1, (2, 8, 8, 1)).astype("float32")
    model.averaged_network = Oracle(model.standardise(target))
    estimates = []
    images = model.generate(2, steps=4, seed=0, on_step=lambda step, noisy, estimate: estimates.append(estimate))
    np.testing.assert_allclose(images, target, atol=1e-4)
    np.testing.assert_allclose(ops.convert_to_numpy(estimates[-1]), target, atol=1e-4)
    np.testing.assert_allclose(model.generate(2, steps=4, seed=0, clip=True), target, atol=1e-4)


@pytest.mark.parametrize("classes, options, message", [
    (0, {"label": 1}, "needs a class-conditional model"),
    (3, {"label": 3}, "not one of this model's classes 0–2"),
    (3, {"label": 1, "guidance": -1.0}, "--guidance must be 0 or more"),
    (0, {"steps": 0}, "--steps"),
])
def test_impossible_sampling_requests_are_refused(classes, options, message):
    with pytest.raises(GenlabError, match=message):
        DiffusionModel(**TINY, classes=classes).generate(2, **{"steps": 2, **options})


def test_a_saved_model_reloads_without_code_and_samples_the_same(tmp_path):
    images, labels = squares(32)
    model = compiled(DiffusionModel(**TINY, classes=3, data_mean=[-0.5], data_std=[0.7]))
    model.fit((images, labels), batch_size=16, epochs=1, verbose=0)
    model.save(tmp_path / "diffusion.keras")
    reloaded = keras.models.load_model(tmp_path / "diffusion.keras", safe_mode=True)
    assert (reloaded.data_mean, reloaded.data_std) == ([-0.5], [0.7])
    np.testing.assert_array_equal(reloaded.generate(2, steps=2, seed=1, label=2),
                                  model.generate(2, steps=2, seed=1, label=2))
