"""The fast network's training losses: the book's loss is Gatys' loss, whatever the crop; the temporal term
is zero for a network that moves with its input and not for one that does not."""

import numpy as np
import pytest
from keras import ops

from genlab.style import perceptual
from genlab.style.gatys import GatysLoss, Weights
from genlab.style.temporal import SHIFT, inconsistency, small_motions

from data_parallel_runs import small_vgg16


def test_the_book_loss_is_gatys_loss_at_the_reference_size(monkeypatch):
    rng = np.random.default_rng(0)
    content, style, image = (rng.uniform(0, 255, (48, 64, 3)).astype("float32") for _ in range(3))
    network = small_vgg16()
    monkeypatch.setattr(perceptual, "REFERENCE_PIXELS", 48 * 64)
    book = perceptual.perceptual_loss("book", network, style)
    batch = lambda picture: np.asarray(network.preprocess(picture[None]))  # noqa: E731
    gatys = GatysLoss(network, batch(content), [batch(style)], [1.0], Weights())
    expected = gatys(batch(image).astype("float64").ravel())[0]
    assert float(book(content[None], image[None])) == pytest.approx(expected, rel=1e-4)
    # a batch of two is the mean of its images
    twice = float(book(np.stack([content, content]), np.stack([image, image])))
    assert twice == pytest.approx(expected, rel=1e-4)


def test_on_a_crop_the_book_loss_weighs_content_and_smoothness_as_on_the_reference_photo():
    rng = np.random.default_rng(1)
    content, style, image = (rng.uniform(0, 255, (32, 48, 3)).astype("float32") for _ in range(3))
    network = small_vgg16()
    book = perceptual.perceptual_loss("book", network, style)
    scale = perceptual.REFERENCE_PIXELS / (32 * 48)  # terms that are sums over pixels, on a photo this much larger
    batch = lambda picture: np.asarray(network.preprocess(picture[None]))  # noqa: E731
    gatys = GatysLoss(network, batch(content), [batch(style)], [1.0], Weights(0.025 * scale, 1.0, 1e-4 * scale))
    expected = gatys(batch(image).astype("float64").ravel())[0]
    assert float(book(content[None], image[None])) == pytest.approx(expected, rel=1e-4)


def test_small_motions_are_small_and_drawn_from_the_generator():
    motions = small_motions(np.random.default_rng(2), 64, 100)
    centre = 49.5
    moved_x = motions[:, 0] * centre + motions[:, 1] * centre + motions[:, 2]
    moved_y = motions[:, 3] * centre + motions[:, 4] * centre + motions[:, 5]
    assert np.abs(moved_x - centre).max() <= SHIFT + 1e-3 and np.abs(moved_y - centre).max() <= SHIFT + 1e-3
    assert np.abs(motions[:, 6:]).max() == 0 and 0.9 < motions[:, 0].min() <= motions[:, 0].max() <= 1.04
    np.testing.assert_array_equal(small_motions(np.random.default_rng(2), 64, 100), motions)


def test_the_temporal_term_tells_a_network_that_moves_with_its_input_from_one_that_does_not():
    rng = np.random.default_rng(3)
    photos = ops.convert_to_tensor(np.repeat(np.repeat(rng.uniform(0, 255, (2, 12, 12, 3)), 4, 1), 4, 2), "float32")
    motions = ops.convert_to_tensor(small_motions(rng, 2, 48))
    pointwise = lambda images: 0.5 * images + 20.0  # noqa: E731  (moves with its input)
    pattern = ops.convert_to_tensor(rng.uniform(0, 60, (1, 48, 48, 3)), "float32")
    painted = lambda images: images + pattern  # noqa: E731  (a pattern fixed to the frame: flicker)
    assert float(inconsistency(pointwise, photos, pointwise(photos), motions)) < 1e-6
    assert float(inconsistency(painted, photos, painted(photos), motions)) > 100.0


def test_a_trained_network_can_be_fine_tuned_for_video(tmp_path, monkeypatch):
    import shutil

    from genlab.style import fast
    from genlab.training.checkpoint import load_checkpoint

    from data_parallel_runs import squares

    monkeypatch.setattr(fast, "load_backbone", small_vgg16)
    photos, style = squares(tmp_path / "photos", 4, 48, 3), squares(tmp_path / "style", 1, 32, 3) / "00.png"
    options = dict(data=photos, crop=32, batch_size=2, width=4, residual_blocks=1, style_size=32, steps_per_epoch=2,
                   precision="float32", seed=1)
    said = []
    fast.train_fast(style, tmp_path / "plain", steps=2, report=said.append, **options)
    shutil.copytree(tmp_path / "plain", tmp_path / "video")
    plain = fast.train_fast(style, tmp_path / "plain", steps=4, resume=True, report=said.append, **options)
    video = fast.train_fast(style, tmp_path / "video", steps=4, resume=True, temporal_weight=1000.0,
                            report=said.append, **options)
    assert "temporal weight 0 → 1000 from step 2 on" in said
    assert plain["temporal_weight"] == 0
    assert load_checkpoint(tmp_path / "video" / "model.keras")[1]["temporal_weight"] == 1000
    assert video["history"][-1]["loss"] > plain["history"][-1]["loss"] + 1000  # the inconsistency is in the loss
