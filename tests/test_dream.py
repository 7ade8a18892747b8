from pathlib import Path

import keras
import numpy as np
import pytest

from genlab.backbones import Backbone
from genlab.backbones.preprocessing import Symmetric
from genlab.dream import chosen_layers, deep_dream, parse_layers, random_layers
from genlab.dream.ascent import ALIGN, TiledAscent, activation_loss, tile_grid
from genlab.dream.dream import book_unit, octave_shapes
from genlab.dream.zoom import zoom_frames, zoom_in
from genlab.errors import GenlabError


def tiny_backbone():
    """A three-layer random convnet with named outputs, standing in for a pretrained one."""
    inputs = keras.Input((None, None, 3))
    first = keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="first")(inputs)
    second = keras.layers.Conv2D(6, 3, strides=2, padding="same", activation="relu", name="second")(first)
    third = keras.layers.Conv2D(4, 7, padding="same", activation="relu", name="third")(second)
    keras.utils.set_random_seed(0)
    return Backbone("tiny", keras.Model(inputs, {"first": first, "second": second, "third": third}), Symmetric())


def test_layer_weights_parse_and_bad_ones_are_refused():
    assert parse_layers("mixed2=0.2, mixed3=3,mixed4") == {"mixed2": 0.2, "mixed3": 3.0, "mixed4": 1.0}
    with pytest.raises(GenlabError, match="bad layer weight"):
        parse_layers("mixed2=lots")
    with pytest.raises(GenlabError, match="no layers"):
        parse_layers(" , ")


def test_random_layers_are_distinct_and_reproducible():
    names = [f"layer{i}" for i in range(10)]
    chosen = random_layers(names, np.random.default_rng(4))
    assert len(chosen) == 3 and chosen == random_layers(names, np.random.default_rng(4))
    assert all(0.5 <= weight <= 2.0 for weight in chosen.values())


def test_the_layers_asked_for_are_parsed_drawn_at_random_or_left_to_the_backbone():
    names = [f"layer{i}" for i in range(10)]
    assert chosen_layers(names) is None
    assert chosen_layers(names, "layer1=2") == {"layer1": 2.0}
    assert chosen_layers(names, None, random=True, seed=4) == random_layers(names, np.random.default_rng(4))
    with pytest.raises(GenlabError, match="bad layer weight"):
        chosen_layers(names, "layer1=x", random=True, seed=4)


def test_octaves_go_from_small_to_full_size_by_the_scale():
    assert octave_shapes(400, 600, 3, 1.4) == [(204, 306), (285, 428), (400, 600)]
    with pytest.raises(GenlabError, match=r"too small for 4 octaves of ×1.4: octave 3 would be 30×30, under 32 px; "
                                          r"use --octaves 2 or a smaller --octave-scale"):
        octave_shapes(60, 60, 4, 1.4)


def test_an_image_under_32_pixels_is_refused_with_the_real_limit_not_fewer_octaves():
    assert octave_shapes(32, 40, 1, 1.4) == [(32, 40)]
    with pytest.raises(GenlabError, match=r"^the image \(20×40\) is too small to dream: it must be at least 32 px on "
                                          r"each side$"):
        octave_shapes(20, 40, 1, 1.4)


@pytest.mark.parametrize("options, problem", [
    ({"octaves": 0}, "octaves must be a whole number of at least 1, not 0"),
    ({"octave_scale": 0}, "the octave scale must be a number above 1, not 0"),
    ({"tile": 0}, "the tile size must be a whole number of at least 32, not 0"),
    ({"jitter": -1}, "jitter must be a whole number of at least 0, not -1"),
    ({"steps": 0}, "steps must be"),
    ({"step_size": float("nan")}, "the step size must be"),
    ({"max_loss": float("inf")}, "the maximum loss must be"),
    ({"octaves": 2}, "too small for 2 octaves"),
])
def test_bad_settings_are_refused_before_the_backbone_loads(monkeypatch, options, problem):
    def load_backbone(*args, **kwargs):
        raise AssertionError("the backbone was loaded before the settings were checked")

    monkeypatch.setattr("genlab.dream.dream.load_backbone", load_backbone)
    with pytest.raises(GenlabError, match=problem):
        deep_dream(np.zeros((40, 40, 3), "float32"), backbone="mobilenet_v2", **options)


@pytest.mark.parametrize("frames, factor, problem", [(0, 1.05, "frames"), (2, 0.5, "zoom factor")])
def test_a_bad_zoom_is_refused_before_any_dream(frames, factor, problem):
    with pytest.raises(GenlabError, match=problem):
        zoom_frames(np.zeros((40, 40, 3), "float32"), frames, factor, backbone="not loaded")


def test_the_loss_is_the_books_border_free_sum_over_the_whole_maps_size():
    backbone = tiny_backbone()
    extractor = backbone.feature_extractor(["first", "second"])
    x = np.random.default_rng(1).normal(size=(1, 16, 20, 3)).astype("float32")
    features = {name: np.asarray(value) for name, value in extractor(x).items()}
    expected = sum(w * np.sum(features[n][:, 2:-2, 2:-2, :] ** 2) / features[n].size
                   for n, w in {"first": 0.5, "second": 2.0}.items())
    loss = activation_loss(extractor, {"first": 0.5, "second": 2.0})(x)
    assert float(loss) == pytest.approx(expected, rel=1e-5)


def test_tiles_are_equal_and_only_cut_images_larger_than_one_tile():
    assert tile_grid(800, 1200, 1024) == (1, 1, 800, 1200)  # 0.96 MP fits one 1024² tile: no extra compute
    assert tile_grid(3000, 4000, 1024) == (3, 4, 1024, 1024)
    assert tile_grid(1030, 1030, 1024) == (2, 2, 544, 544)


def test_tiles_start_on_the_backbones_stride_grid():
    # A tile whose first pixel is not on a multiple of the network's total stride (32) sees its deepest
    # feature maps shifted against the whole image's: the 12-MP dream scored 1.70 by the book's objective
    # with 1000-px tiles and 1.84 with 1024-px ones (BENCHMARKS.md).
    for shape in [(3000, 4000), (1030, 1030), (2000, 1333), (4000, 300)]:
        rows, columns, tile_h, tile_w = tile_grid(*shape, 1024)
        assert tile_h % ALIGN == 0 and tile_w % ALIGN == 0
        assert rows * tile_h >= shape[0] and columns * tile_w >= shape[1]


def test_a_photo_that_fits_is_one_gradient_call_per_step():
    backbone = tiny_backbone()
    ascent = TiledAscent(backbone.feature_extractor(["first"]), {"first": 1.0}, tile=64)
    calls = []
    whole_step, gradient = ascent.whole_step, ascent.gradient
    ascent.whole_step = lambda x, size: calls.append(("step", x.shape)) or whole_step(x, size)
    ascent.gradient = lambda x: calls.append(("gradient", x.shape)) or gradient(x)
    image = np.random.default_rng(0).uniform(-1, 1, (40, 90, 3)).astype("float32")
    stepped, _ = ascent.step(image, 0.01)
    assert calls == [("step", (1, 40, 90, 3))]  # the whole step compiled in one call, as keras-io's
    assert np.mean(np.abs(stepped - image)) == pytest.approx(0.01, rel=1e-3)


def test_tiles_add_up_to_the_whole_images_loss_and_gradient():
    # Each window scores only its own tile's activations, its gradients are added where windows overlap, and no
    # window reaches past the image (where the network pads every layer with zeros, not just the pixels), so for
    # a network that sees less than the halo the tiles give exactly the whole image's loss and gradient, edges
    # and border included, whatever the network's biases.
    backbone = tiny_backbone()
    rng = np.random.default_rng(2)
    for layer in backbone.model.layers[1:]:
        layer.bias.assign(rng.uniform(-0.5, 0.5, layer.bias.shape).astype("float32"))
    extractor = backbone.feature_extractor(["first", "second", "third"])
    weights = {"first": 1.0, "second": 0.5, "third": 2.0}
    image = rng.uniform(-1, 1, size=(150, 170, 3)).astype("float32")
    whole = TiledAscent(extractor, weights, tile=1000)
    tiled = TiledAscent(extractor, weights, tile=32)
    assert tile_grid(150, 170, 32) == (5, 6, 32, 32)
    expected_loss, expected = whole.loss_and_gradient(image)
    loss, gradient = tiled.loss_and_gradient(image)
    assert loss == pytest.approx(expected_loss, rel=1e-5)
    np.testing.assert_allclose(gradient, expected, atol=1e-6 * np.abs(expected).max())


def test_a_step_is_normalised_and_raises_the_loss_with_or_without_jitter():
    backbone = tiny_backbone()
    image = np.random.default_rng(2).uniform(-0.5, 0.5, size=(40, 35, 3)).astype("float32")
    for jitter in (0, 4):
        ascent = TiledAscent(backbone.feature_extractor(["first"]), {"first": 1.0}, tile=16, jitter=jitter,
                             rng=np.random.default_rng(0))
        stepped, first_loss = ascent.step(image, 0.05)
        assert stepped.shape == image.shape
        # every pixel moves but one ring, the outermost of the (rolled) image, which only its left-out border sees
        assert (np.abs(stepped - image).sum(axis=-1) == 0).sum() <= 2 * (40 + 35)
        assert np.mean(np.abs(stepped - image)) == pytest.approx(0.05, rel=1e-3)  # mean-|g| normalised
        for _ in range(5):
            stepped, loss = ascent.step(stepped, 0.05)
        assert loss > first_loss


def test_a_dream_keeps_the_size_and_returns_every_octave():
    image = np.random.default_rng(3).uniform(0, 255, size=(48, 64, 3)).astype("float32")
    dream = deep_dream(image, backbone=tiny_backbone(), layers={"first": 1.0}, steps=3, octaves=2, seed=0)
    assert dream.image.shape == image.shape
    assert [o.shape for o in dream.octaves] == [(34, 45, 3), (48, 64, 3)]
    assert 0 <= dream.image.min() and dream.image.max() <= 255
    assert not np.allclose(dream.image, image, atol=1.0)
    again = deep_dream(image, backbone=tiny_backbone(), layers={"first": 1.0}, steps=3, octaves=2, seed=0)
    np.testing.assert_allclose(again.image, dream.image, atol=1e-3)


@pytest.mark.skipif(keras.backend.backend() != "tensorflow", reason="keras-io's recipe is TensorFlow code")
def test_a_photo_that_fits_dreams_exactly_as_keras_ios_recipe(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from keras_io_deep_dream import KerasIoDeepDream

    backbone, layers = tiny_backbone(), {"first": 1.0, "second": 0.5}
    photo = np.random.default_rng(4).uniform(0, 255, size=(70, 90, 3)).astype("float32")
    theirs = KerasIoDeepDream(backbone, layers).dream(photo, step=0.05, iterations=4, max_loss=None)
    ours = deep_dream(photo, backbone=backbone, layers=layers, steps=4, step_size=0.05, max_loss=None)
    assert not np.allclose(ours.image, photo, atol=1.0)
    np.testing.assert_array_equal(np.floor(ours.image), theirs)  # keras-io truncates to 8 bits


def test_step_size_is_in_the_books_inception_units():
    assert book_unit(tiny_backbone()) == pytest.approx(1.0)


def test_zoom_in_keeps_the_size_and_magnifies_the_centre():
    image = np.zeros((40, 40, 3), "float32")
    image[18:22, 18:22] = 255
    zoomed = zoom_in(image, 2.0)
    assert zoomed.shape == image.shape
    assert (zoomed > 128).sum() > (image > 128).sum() * 3


def test_a_photo_at_the_smallest_size_dreams_with_finite_losses():
    """Maps smaller than the 2-pixel border once made the book's loss 0/0 = NaN, so --max-loss never fired."""
    backbone = tiny_backbone()
    image = np.random.default_rng(5).uniform(0, 255, size=(32, 32, 3)).astype("float32")
    tiny_map = {"second": 1.0}
    x = np.asarray(backbone.preprocess(image[None, :6, :6]))  # "second" is 3×3: all border
    assert float(activation_loss(backbone.feature_extractor(["second"]), tiny_map)(x)) == 0.0
    dream = deep_dream(image, backbone=backbone, layers={"first": 1.0, "second": 1.0}, steps=2, octaves=1)
    assert np.all(np.isfinite(dream.losses)) and np.all(np.isfinite(dream.image))
