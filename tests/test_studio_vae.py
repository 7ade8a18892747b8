"""The studio's VAE tab, called from Python: the latent plane of an MNIST-shaped VAE, the digit under a click,
morphs and concept moves written to the outputs folder, and the names a visitor may type (never a server path)."""

import numpy as np
import pytest
from PIL import Image

from genlab import vae
from genlab.errors import GenlabError
from genlab.studio.outputs import OutputFolder
from genlab.studio.uploads import example
from genlab.studio.vae_tab import concept_image, decode_at, drag_position, morph_file, plane_of

from conftest import needs_asset


@pytest.fixture(scope="module")
def model(studio_runs):
    return vae.load(studio_runs / "digits-vae")


@needs_asset("mnist")
def test_a_click_decodes_the_point_under_it(model):
    plane = plane_of(model)
    assert plane_of(model) is plane  # drawn once per model
    left, top, right, bottom = plane.axes_box
    x, y = left + 0.25 * (right - left), top + 0.5 * (bottom - top)
    image, line = decode_at(model, plane, x, y)
    point = plane.latent_point(x, y)
    expected = np.repeat(np.repeat(model.decode(point[None])[0, ..., 0] * 255, 6, axis=0), 6, axis=1)  # 28 → 168
    assert image.dtype == np.uint8 and image.shape == (168, 168)
    np.testing.assert_allclose(image, expected.astype(np.uint8), atol=1)
    assert line == f"z = ({point[0]:+.2f}, {point[1]:+.2f})"


def test_the_plane_needs_a_vae_of_mnist_digits(tiny_runs):
    with pytest.raises(GenlabError, match="plots MNIST's test digits, but this VAE takes 8×8×1 images"):
        plane_of(vae.load(tiny_runs / "vae"))


@needs_asset("mnist")
def test_morphs_and_concept_moves_are_written_to_the_outputs_folder(model, tmp_path):
    outputs = OutputFolder(tmp_path)
    gif = morph_file(model, outputs, "index:0", "index:1", frames=4)
    assert gif.parent == tmp_path and gif.suffix == ".gif" and Image.open(gif).size == (168, 168)
    strip = concept_image(model, outputs, "index:0", "label:1", "label:7", 1.5)
    assert strip.parent == tmp_path and Image.open(strip).size[0] > 2 * 84


@pytest.mark.parametrize("typed", ["/etc/passwd", "../runs", "label:7", ""])
def test_a_visitor_types_mnist_names_only_never_a_path(typed):
    with pytest.raises(GenlabError, match="upload an image or type index:N"):
        example(None, typed)
    assert example(None, " index:3 ") == "index:3" and example("/uploads/a.png", typed) == "/uploads/a.png"


def test_a_drag_position_is_two_whole_numbers_or_one_line():
    assert drag_position("12,340") == (12, 340)
    for bad in ("", "12", "1,2,3", "x,y", "1.5,2"):
        with pytest.raises(GenlabError, match="two whole numbers"):
            drag_position(bad)
