import keras
import numpy as np
import pytest
from keras import ops

from genlab.backbones import Backbone
from genlab.backbones.preprocessing import Caffe
from genlab.errors import GenlabError
from genlab.style import Weights, transfer
from genlab.style.colors import keep_colors
from genlab.style.gatys import STYLE_LAYERS
from genlab.style.losses import book_normaliser, gram_matrix, layer_normaliser, total_variation_loss


def tiny_vgg():
    """A small random convnet with VGG16's layer names, standing in for the pretrained one."""
    keras.utils.set_random_seed(0)
    x = inputs = keras.Input((None, None, 3))
    outputs = {}
    for block, channels in enumerate((4, 6, 8, 8, 8), start=1):
        x = keras.layers.Conv2D(channels, 3, padding="same", activation="relu", name=f"block{block}_conv1")(x)
        outputs[f"block{block}_conv1"] = x
        if block == 5:
            outputs["block5_conv2"] = keras.layers.Conv2D(8, 3, padding="same", activation="relu",
                                                          name="block5_conv2")(x)
        x = keras.layers.MaxPooling2D(2, name=f"block{block}_pool")(x)
    return Backbone("vgg16", keras.Model(inputs, outputs), Caffe())


def test_gram_matrix_is_f_f_transposed():
    features = np.random.default_rng(0).normal(size=(3, 4, 2)).astype("float32")
    flat = features.reshape(-1, 2).T
    np.testing.assert_allclose(np.asarray(gram_matrix(ops.convert_to_tensor(features))), flat @ flat.T, rtol=1e-5)


def test_normalisers_the_books_constant_and_the_papers_per_layer():
    assert book_normaliser(10, 20) == 4 * 9 * 200**2
    assert layer_normaliser((5, 4, 64)) == 4 * 64**2 * 20**2


def test_total_variation_is_zero_on_flat_images_and_matches_the_formula():
    assert float(total_variation_loss(np.full((1, 5, 5, 3), 7.0, "float32"))) == 0.0
    image = np.random.default_rng(1).normal(size=(1, 4, 5, 3)).astype("float32")
    a = (image[:, :-1, :-1] - image[:, 1:, :-1]) ** 2
    b = (image[:, :-1, :-1] - image[:, :-1, 1:]) ** 2
    assert float(total_variation_loss(image)) == pytest.approx(np.sum((a + b) ** 1.25), rel=1e-4)


def test_preserving_colours_keeps_the_contents_chroma_and_the_results_luma():
    content = np.zeros((2, 2, 3), "float32")
    content[..., 0] = 200  # red
    stylised = np.full((2, 2, 3), 90.0, "float32")  # grey
    kept = keep_colors(stylised, content)
    luma = np.array([0.299, 0.587, 0.114])
    np.testing.assert_allclose(kept @ luma, stylised @ luma, atol=0.5)
    assert (kept[..., 0] > kept[..., 1]).all()  # reddish, like the content


def test_transfer_lowers_the_loss_and_saves_every_round():
    rng = np.random.default_rng(2)
    content, style = rng.uniform(0, 255, (40, 60, 3)).astype("float32"), rng.uniform(0, 255, (30, 30, 3)).astype("float32")
    result = transfer(content, [style], backbone=tiny_vgg(), height=32, rounds=3, evaluations=5)
    assert result.image.shape == (32, 48, 3) and len(result.rounds) == 3
    assert result.losses[-1] < result.losses[0]
    assert 0 <= result.image.min() and result.image.max() <= 255
    assert result.evaluations <= 3 * 6


def test_two_styles_blend_and_coarse_to_fine_ends_at_full_size():
    rng = np.random.default_rng(3)
    content = rng.uniform(0, 255, (40, 40, 3)).astype("float32")
    styles = [rng.uniform(0, 255, (20, 20, 3)).astype("float32") for _ in range(2)]
    result = transfer(content, styles, blend=[3, 1], backbone=tiny_vgg(), height=80, rounds=1, evaluations=3,
                      scales=2, optimizer="adam", weights=Weights(normalisation="layer"))
    assert [r.shape for r in result.rounds] == [(40, 40, 3), (80, 80, 3)]


@pytest.mark.parametrize("options, problem", [
    ({"blend": [1, 2, 3]}, "blend weights"),
    ({"init": "paint"}, "unknown init"),
    ({"rounds": 0}, "at least 1"),
    ({"weights": Weights(normalisation="other")}, "normalisation"),
])
def test_bad_options_are_refused(options, problem):
    image = np.zeros((32, 32, 3), "float32")
    with pytest.raises(GenlabError, match=problem):
        transfer(image, [image], backbone=tiny_vgg(), height=32, **{"rounds": 1, "evaluations": 1, **options})


def test_only_vgg_backbones_have_style_layers():
    assert set(STYLE_LAYERS) == {"vgg16", "vgg19"}


def test_an_unknown_precision_is_refused_before_anything_loads():
    from genlab.backbones import load_backbone

    with pytest.raises(GenlabError, match="unknown precision"):
        load_backbone("vgg16", precision="float8")


@pytest.mark.parametrize("options, problem", [
    ({"height": float("nan")}, "the height must be"),
    ({"style_scale": float("inf")}, "the style scale must be"),
    ({"optimizer": "adam", "learning_rate": float("nan")}, "the learning rate must be"),
    ({"weights": Weights(style=float("nan"))}, "the style weight must be"),
    ({"blend": [float("nan")]}, "blend weights"),
])
def test_bad_numbers_are_refused_before_the_backbone_loads(monkeypatch, options, problem):
    def load_backbone(*args, **kwargs):
        raise AssertionError("the backbone was loaded before the options were checked")

    monkeypatch.setattr("genlab.style.gatys.load_backbone", load_backbone)
    image = np.zeros((32, 32, 3), "float32")
    with pytest.raises(GenlabError, match=problem):
        transfer(image, [image], backbone="vgg16", **options)
