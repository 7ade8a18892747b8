"""The book's denoising U-Net: shapes, an untrained network predicting no noise, class conditioning, and a
`.keras` round trip without any code in the file."""

import numpy as np
import pytest
from keras import ops

import keras
from genlab.diffusion.unet import SinusoidalEmbedding, build_unet
from genlab.errors import GenlabError

SMALL = dict(widths=(8, 16), block_depth=1)


def inputs(batch, shape, classes=0, seed=0):
    rng = np.random.default_rng(seed)
    images = rng.standard_normal((batch, *shape)).astype("float32")
    variances = rng.uniform(0.01, 1, (batch, 1, 1, 1)).astype("float32")
    return [images, variances] + ([rng.integers(0, classes + 1, batch).astype("int32")] if classes else [])


def test_the_sinusoidal_embedding_spans_its_frequencies():
    embedding = ops.convert_to_numpy(SinusoidalEmbedding(32)(np.array([[[[0.0]]], [[[0.25]]]], "float32")))
    assert embedding.shape == (2, 1, 1, 32)
    np.testing.assert_allclose(embedding[0, 0, 0], [0.0] * 16 + [1.0] * 16, atol=1e-6)  # sin 0, cos 0
    assert np.all(np.abs(embedding) <= 1.0)


@pytest.mark.parametrize("shape", [(16, 16, 1), (8, 12, 3)])
def test_the_output_has_the_images_shape_and_an_untrained_network_predicts_no_noise(shape):
    network = build_unet(shape, **SMALL)
    noise = ops.convert_to_numpy(network(inputs(3, shape)))
    assert noise.shape == (3, *shape) and not noise.any()


def test_the_book_widths_build_for_mnist_padded_to_32():
    network = build_unet((32, 32, 1))
    assert [layer.filters for layer in network.layers if isinstance(layer, keras.layers.Conv2D)][-1] == 1
    assert network(inputs(2, (32, 32, 1))).shape == (2, 32, 32, 1)


@pytest.mark.parametrize("condition", ["input", "blocks"])
def test_the_class_changes_the_prediction_and_a_saved_network_reloads_without_code(tmp_path, condition):
    network = build_unet((8, 8, 1), classes=10, condition=condition, **SMALL)
    output = network.get_layer("noise")
    output.kernel.assign(np.random.default_rng(0).standard_normal(output.kernel.shape).astype("float32"))
    images, variances, _ = inputs(2, (8, 8, 1), classes=10)
    three, none = (ops.convert_to_numpy(network([images, variances, np.array([label] * 2, "int32")]))
                   for label in (3, 10))
    assert not np.allclose(three, none)
    network.save(tmp_path / "unet.keras")
    reloaded = keras.models.load_model(tmp_path / "unet.keras", safe_mode=True)
    np.testing.assert_allclose(ops.convert_to_numpy(reloaded([images, variances, np.array([3, 3], "int32")])), three,
                               atol=1e-5)


def mean_distance(rows):
    rows = np.asarray(rows).reshape(len(rows), -1)
    return np.mean([np.linalg.norm(a - b) for index, a in enumerate(rows) for b in rows[index + 1 :]])


def test_classes_start_as_far_apart_as_noise_levels():
    """A class embedding much smaller than the noise level's sines was never learned (guidance had no effect)."""
    network = build_unet((8, 8, 1), classes=10, **SMALL)
    classes = next(layer for layer in network.layers if isinstance(layer, keras.layers.Embedding)).get_weights()[0]
    levels = ops.convert_to_numpy(SinusoidalEmbedding(32)(np.linspace(0, 1, 11, dtype="float32").reshape(11, 1, 1, 1)))
    assert mean_distance(classes) >= 0.5 * mean_distance(levels)


def test_blocks_conditioning_feeds_the_noise_level_and_class_to_every_residual_block():
    book, blocks = (build_unet((8, 8, 1), classes=10, condition=condition, **SMALL) for condition in ("input", "blocks"))
    projections = [layer for layer in blocks.layers if isinstance(layer, keras.layers.Dense)]
    assert len(projections) == 1 + 3  # the shared projection, then one per block: down, bottom, up
    assert [layer.units for layer in projections[1:]] == [8, 16, 8]
    assert not any(isinstance(layer, keras.layers.Dense) for layer in book.layers)


@pytest.mark.parametrize("shape, message", [((12, 12, 1), "divisible by 8"), ((16, 16, 2), "channels")])
def test_shapes_the_network_cannot_take_are_refused(shape, message):
    with pytest.raises(GenlabError, match=message):
        build_unet(shape)
