"""The VAE: its loss arithmetic, training and resuming, the exploration commands, and one-line errors."""

import gzip
import json
import os
import pickle
import zipfile

import keras
import numpy as np
import pytest
from PIL import Image, ImageSequence

from genlab import vae
from genlab.cli import main
from genlab.datasets import ImageSet
from genlab.errors import GenlabError
from genlab.images.sheet import TITLE_HEIGHT
from genlab.metrics.elbo import neg_elbo_nats
from genlab.precision import resolve_precision
from genlab.training.batches import ShuffledBatches
from genlab.training.checkpoint import STATE_MEMBER
from genlab.vae import inputs
from genlab.vae.grid import latent_grid
from genlab.vae.presets import PRESETS

from conftest import needs_asset, one_line_error

TINY = dict(image_size=8, channels=1, batch_size=8, seed=1, report=lambda *_: None)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """64 grey 8×8 images: a bright square at a random place on a dark background."""
    path = tmp_path_factory.mktemp("squares")
    rng = np.random.default_rng(0)
    for index in range(64):
        image = np.zeros((8, 8), np.uint8)
        top, left = rng.integers(0, 5, size=2)
        image[top : top + 4, left : left + 4] = 255
        Image.fromarray(image).save(path / f"{index:02d}.png")
    return path


@pytest.fixture(scope="module")
def trained(folder, tmp_path_factory):
    """A tiny VAE trained for one epoch from the command line; the path of its model file."""
    run = tmp_path_factory.mktemp("run")
    assert cli("vae", "train", "--data", folder, "--image-size", 8, "--channels", 1, "--batch-size", 8, "--epochs", 1,
               "--seed", 1, "--run", run) == 0
    return run / "model.keras"


def cli(*argv):
    return main([str(arg) for arg in argv])


def saved_state(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(STATE_MEMBER))


def numpy_bce(images, logits):
    """Binary cross-entropy per pixel from logits: softplus(l) − x·l."""
    return np.logaddexp(0.0, logits) - images * logits


def fixed_batch(model):
    rng = np.random.default_rng(3)
    images = rng.uniform(size=(6, *model.image_shape)).astype("float32")
    logits, z_mean, z_log_var = (keras.ops.convert_to_numpy(t) for t in model(images))
    return images, logits, z_mean, z_log_var


def test_the_neg_elbo_metric_is_the_summed_cross_entropy_plus_the_full_kl():
    model = vae.VAE((8, 8, 1), latent_dim=3, seed=0)
    images, logits, z_mean, z_log_var = fixed_batch(model)
    reconstruction = numpy_bce(images, logits).sum(axis=(1, 2, 3))
    kl = -0.5 * (1 + z_log_var - z_mean**2 - np.exp(z_log_var)).sum(axis=1)
    neg_elbo, parts_r, parts_kl = (keras.ops.convert_to_numpy(t) for t in neg_elbo_nats(images, logits, z_mean, z_log_var))
    np.testing.assert_allclose(parts_r, reconstruction, rtol=1e-5)
    np.testing.assert_allclose(parts_kl, kl, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(neg_elbo, reconstruction + kl, rtol=1e-5)
    loss = model.compute_loss(images, y_pred=(logits, z_mean, z_log_var))
    assert float(loss) == pytest.approx(np.mean(reconstruction + kl), rel=1e-5)
    assert float(model.neg_elbo_tracker.result()) == pytest.approx(np.mean(reconstruction + kl), rel=1e-5)
    assert float(model.kl_tracker.result()) == pytest.approx(np.mean(kl), rel=1e-5, abs=1e-6)


def test_the_book_weighting_is_the_seed_formula_and_still_reports_the_true_elbo():
    model = vae.VAE((8, 8, 1), latent_dim=2, loss="book", seed=0)
    images, logits, z_mean, z_log_var = fixed_batch(model)
    probabilities = 1 / (1 + np.exp(-logits))
    seed_xent = -(images * np.log(probabilities) + (1 - images) * np.log(1 - probabilities)).mean()
    seed_kl = -5e-4 * np.mean(1 + z_log_var - z_mean**2 - np.exp(z_log_var), axis=-1)
    loss = model.compute_loss(images, y_pred=(logits, z_mean, z_log_var))
    assert float(loss) == pytest.approx(seed_xent + seed_kl.mean(), rel=1e-5)
    true = numpy_bce(images, logits).sum(axis=(1, 2, 3)) - 0.5 * (1 + z_log_var - z_mean**2 - np.exp(z_log_var)).sum(1)
    assert float(model.neg_elbo_tracker.result()) == pytest.approx(true.mean(), rel=1e-5)


def test_training_reports_the_held_out_elbo_and_a_saved_model_decodes_identically(trained, folder):
    state = saved_state(trained)
    record = state["history"][-1]
    assert state["step"] == 7 and record["epoch"] == 1  # 58 training images (6 held out) in batches of 8
    assert record["val_neg_elbo"] == pytest.approx(record["val_reconstruction"] + record["val_kl"], rel=1e-4)
    assert state["settings"] == {**PRESETS["cpu"], "batch_size": 8, "precision": resolve_precision("auto")}
    model = vae.load(trained)
    z = np.random.default_rng(0).normal(size=(5, 2))
    images = inputs.load_group(folder, model.image_shape)[:5]
    again = vae.load(trained.parent)  # the run folder names its model too
    np.testing.assert_array_equal(again.decode(z), model.decode(z))
    np.testing.assert_array_equal(again.encode(images), model.encode(images))


def test_resuming_gives_the_same_weights_as_training_straight_through(tmp_path, folder):
    vae.train(run=tmp_path / "straight", data=folder, epochs=2, drop_lr_after=1, **TINY)
    vae.train(run=tmp_path / "cut", data=folder, epochs=1, drop_lr_after=1, **TINY)
    vae.train(run=tmp_path / "cut", resume=True, minutes=1e-6, report=lambda *_: None)
    assert saved_state(tmp_path / "cut" / "model.keras")["step"] == 8  # cut by the time budget after one step
    said = []
    vae.train(run=tmp_path / "cut", resume=True, epochs=2, latent_dim=16, batch_size=4, report=said.append)
    assert saved_state(tmp_path / "cut" / "model.keras")["step"] == 14  # still batches of 8, latent 2
    assert "a resumed run keeps its own settings; ignoring latent_dim, batch_size" in said
    straight, cut = (vae.load(tmp_path / name / "model.keras") for name in ("straight", "cut"))
    assert float(cut.optimizer.learning_rate) == pytest.approx(1e-4)  # dropped tenfold after epoch 1
    for expected, resumed in zip(straight.get_weights(), cut.get_weights()):
        np.testing.assert_allclose(resumed, expected, rtol=1e-5, atol=1e-6)


def test_the_latent_grid_spaces_points_by_prior_quantiles():
    points = latent_grid(3, size=15)
    assert points.shape == (225, 3) and not points[:, 2].any()
    assert points[0, 0] == pytest.approx(-1.6449, abs=1e-4) and points[0, 1] == pytest.approx(1.6449, abs=1e-4)
    assert points[14, 0] == pytest.approx(1.6449, abs=1e-4) and points[224, 1] == pytest.approx(-1.6449, abs=1e-4)


def test_the_exploration_commands_write_pictures_of_the_right_size(trained, folder, tmp_path):
    first, second = sorted(folder.iterdir())[:2]
    assert cli("vae", "grid", trained, "-o", tmp_path / "grid.png", "--size", 5) == 0
    assert cli("vae", "scatter", trained, "--data", folder, "-o", tmp_path / "scatter.png") == 0
    assert cli("vae", "morph", trained, first, second, "-o", tmp_path / "morph.gif", "--frames", 6) == 0
    assert cli("vae", "concept", trained, folder, folder, "-o", tmp_path / "concept.png", "--count", 2,
               "--strengths=-1,0,1") == 0
    assert Image.open(tmp_path / "grid.png").size == (40, 40)
    assert Image.open(tmp_path / "scatter.png").size == (960, 840)
    with Image.open(tmp_path / "morph.gif") as gif:
        assert gif.size == (160, 160)  # 8-pixel images enlarged 20×
        durations = [frame.info["duration"] for frame in ImageSequence.Iterator(gif)]
    assert sum(durations) == 2 * 700 + 8 * 50  # there and back: pauses on both ends, 8 frames between
    titles = TITLE_HEIGHT + 4  # "image", then the strengths, above the columns
    assert Image.open(tmp_path / "concept.png").size == (4 + 4 * (80 + 4), titles + 4 + 2 * (80 + 4))


def fake_mnist(count=40):
    rng = np.random.default_rng(5)
    return ImageSet(rng.uniform(size=(count, 28, 28, 1)).astype("float32"), np.arange(count) % 10, "MNIST test")


def test_mnist_digits_can_be_named_by_index_and_label(monkeypatch, tmp_path):
    monkeypatch.setattr(inputs, "load_mnist", lambda split: fake_mnist())
    model = vae.VAE(seed=0)
    np.testing.assert_array_equal(inputs.load_example("index:13", model.image_shape), fake_mnist().images[13])
    assert len(inputs.load_group("label:7", model.image_shape)) == 4
    vector = vae.concept_vector(model, "label:1", "label:7")
    codes = model.encode(fake_mnist().images)
    np.testing.assert_allclose(vector, codes[7::10].mean(0) - codes[1::10].mean(0), rtol=1e-4, atol=1e-6)
    vae.scatter(model, tmp_path / "scatter.png")
    with pytest.raises(GenlabError, match="index from 0 to 39"):
        inputs.load_example("index:40", model.image_shape)
    with pytest.raises(GenlabError, match="MNIST digit, but this VAE takes 8×8×1"):
        inputs.load_group("label:7", (8, 8, 1))


def test_a_bare_number_or_mnist_index_is_refused_with_the_explicit_form(monkeypatch, tmp_path):
    monkeypatch.setattr(inputs, "load_mnist", lambda split: fake_mnist())
    shape = (28, 28, 1)
    with pytest.raises(GenlabError, match=r"'mnist:0' could be an index or a label: write index:0 for image 0"):
        inputs.load_example("mnist:0", shape)
    with pytest.raises(GenlabError, match=r"'3' could be an index or a label: write index:3"):
        inputs.load_example("3", shape)
    with pytest.raises(GenlabError, match=r"'7' could be an index or a label: write label:7 for the MNIST test"):
        inputs.load_group("7", shape)
    with pytest.raises(GenlabError, match="label:12: give a digit label from 0 to 9"):
        inputs.load_group("label:12", shape)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "7").mkdir()
    Image.fromarray(np.zeros((28, 28), np.uint8)).save(tmp_path / "7" / "a.png")
    assert inputs.load_group("7", shape).shape == (1, 28, 28, 1)  # a folder that exists is a folder


class RunsCode:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def test_bad_data_gives_one_line_and_exit_2(tmp_path, capsys, folder):
    train = ["vae", "train", "--run", tmp_path / "run", "--epochs", "1", "--data"]
    (tmp_path / "empty").mkdir()
    assert "no images in" in one_line_error(capsys, *train, tmp_path / "empty", "--image-size", "8")
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert "truncated or damaged" in one_line_error(capsys, *train, corrupt, "--image-size", "8")
    marker = tmp_path / "executed"
    tampered = tmp_path / "mnist.pkl.gz"
    with gzip.open(tampered, "wb") as file:
        pickle.dump(RunsCode(marker), file, protocol=2)
    assert "not a valid data pickle" in one_line_error(capsys, *train, tampered)
    assert not marker.exists()
    assert "--image-size: expected a multiple of 2" in one_line_error(capsys, *train, folder, "--image-size", "9")
    assert "too small" in one_line_error(capsys, *train, folder, "--image-size", "4")
    assert "apply to a folder" in one_line_error(capsys, *train, "mnist", "--image-size", "32")
    assert "lower --batch-size" in one_line_error(capsys, *train, folder, "--image-size", "8", "--batch-size", "64")
    assert "unknown loss" in one_line_error(capsys, *train, folder, "--image-size", "8", "--loss", "mse")


def test_a_start_that_trains_nothing_or_fails_in_its_first_step_leaves_no_run_behind(tmp_path, capsys, folder,
                                                                                    monkeypatch):
    train = ["vae", "train", "--run", tmp_path / "run", "--data", folder, "--image-size", 8, "--channels", 1,
             "--batch-size", 8]
    assert "--epochs" in one_line_error(capsys, *train, "--epochs", 0)  # refused while parsing
    assert not (tmp_path / "run").exists()

    def unreadable(self, step):
        raise GenlabError("image 3 is damaged")

    monkeypatch.setattr(ShuffledBatches, "__call__", unreadable)
    assert "image 3 is damaged" in one_line_error(capsys, *train, "--epochs", 1)
    assert not (tmp_path / "run").exists()


def test_bad_model_files_and_image_names_give_one_line_and_exit_2(tmp_path, capsys, trained, folder):
    first = sorted(folder.iterdir())[0]
    plain = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    plain.save(tmp_path / "plain.keras")
    assert "no such model file" in one_line_error(capsys, "vae", "grid", tmp_path / "missing.keras", "-o",
                                                  tmp_path / "g.png")
    assert "not a VAE" in one_line_error(capsys, "vae", "grid", tmp_path / "plain.keras", "-o", tmp_path / "g.png")
    assert "image not found" in one_line_error(capsys, "vae", "morph", trained, tmp_path / "nope.png", "index:1",
                                               "-o", tmp_path / "m.gif")
    assert "must end in .gif" in one_line_error(capsys, "vae", "morph", trained, first, first, "-o", tmp_path / "m.png")
    assert "must end in" in one_line_error(capsys, "vae", "scatter", trained, "-o", tmp_path / "s.txt")


@needs_asset("mnist")
def test_real_mnist_digits_flow_through_every_exploration_command(tmp_path):
    model = vae.VAE(seed=0)
    vae.grid(model, tmp_path / "grid.png")
    vae.scatter(model, tmp_path / "scatter.png")
    vae.morph(model, "index:0", "index:1", tmp_path / "morph.gif", frames=4)
    vae.concept(model, "label:1", "label:7", tmp_path / "concept.png", count=3)
    assert Image.open(tmp_path / "grid.png").size == (420, 420)
    assert Image.open(tmp_path / "concept.png").size == (4 + 6 * (84 + 4), TITLE_HEIGHT + 4 + 4 + 3 * (84 + 4))
