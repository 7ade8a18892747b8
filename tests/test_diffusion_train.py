"""The diffusion trainer, its sampling calls and its command: runs, exact resume, classes, outputs, errors."""

import numpy as np
import pytest
from PIL import Image

from conftest import one_line_error, write_fake_cifar, write_squares
from genlab import diffusion
from genlab.cli import main
from genlab.datasets import load_generator_images
from genlab.errors import GenlabError
from genlab.images.signed import to_signed
from genlab.runs.run import open_run

TINY = dict(widths=[8, 16], block_depth=1, batch_size=4, steps_per_epoch=2, sampling_steps=2, report=lambda _: None)


@pytest.fixture
def squares(tmp_path):
    """Twelve 20×20 colour images of bright squares (resized to 16×16 for training): an unlabelled folder."""
    return write_squares(tmp_path / "images", 12, 20)


@pytest.fixture
def cifar(tmp_path):
    """A CIFAR-10 tarball of 20 random 32×32 images with labels 1 to 8."""
    return write_fake_cifar(tmp_path / "cifar-10-python.tar.gz")


def train_squares(run, folder, steps=2, **options):
    return diffusion.train(run=run, data=folder, image_size=16, steps=steps, seed=3, grid_size=4,
                           **{**TINY, **options})


def train_cifar(run, tarball, steps=4, **options):
    return diffusion.train(run=run, cifar10=tarball, steps=steps, seed=5, **{**TINY, **options})


def test_labelled_data_trains_a_conditional_run_that_resumes_exactly(tmp_path, cifar):
    straight = train_cifar(tmp_path / "straight", cifar, steps=4)
    train_cifar(tmp_path / "cut", cifar, steps=2)
    diffusion.train(run=tmp_path / "cut", resume=True, steps=4, report=lambda _: None)
    assert straight["classes"] == 9 and straight["grid_size"] == 90  # labels 1–8: classes 0–8, one row per class
    a, b = diffusion.load(tmp_path / "straight"), diffusion.load(tmp_path / "cut")
    assert int(b.optimizer.iterations) == 4 and a.classes == 9
    for mine, theirs in zip(a.weights, b.weights):  # the U-Net, its average, and the noise generator's state
        np.testing.assert_allclose(np.array(mine), np.array(theirs), rtol=1e-5, atol=1e-6)
    grid = Image.open(tmp_path / "cut" / "samples" / "latest.png")
    assert grid.size == (9 * 34 + 2, 10 * 34 + 2)  # 9 classes across, 10 rows, 32-px images padded by 2
    assert sorted(p.name for p in (tmp_path / "cut" / "samples").glob("step_*.png")) == ["step_000002.png",
                                                                                           "step_000004.png"]


def test_standardise_stores_the_training_images_mean_and_spread_and_the_cpu_preset_keeps_them_raw(tmp_path, squares):
    train_squares(tmp_path / "standardised", squares, standardise=True)
    model = diffusion.load(tmp_path / "standardised")
    images = to_signed(load_generator_images(squares, image_size=16).images)
    np.testing.assert_allclose(model.data_mean, images.mean(axis=(0, 1, 2)), rtol=1e-5)
    np.testing.assert_allclose(model.data_std, images.std(axis=(0, 1, 2)), rtol=1e-5)
    assert np.all(np.asarray(model.data_std) < 0.9)  # mostly dark: a spread well below 1
    train_squares(tmp_path / "raw", squares)
    raw = diffusion.load(tmp_path / "raw")
    assert (raw.data_mean, raw.data_std) == ([0.0] * 3, [1.0] * 3)


def test_the_command_line_turns_standardising_on_and_the_book_preset_has_it(tmp_path, squares):
    assert main(["diffusion", "train", "--run", str(tmp_path / "run"), "--data", str(squares), "--image-size", "16",
                 "--widths", "4,8", "--steps", "1", "--standardise"]) == 0
    assert diffusion.load(tmp_path / "run").data_std != [1.0] * 3
    from genlab.diffusion.presets import PRESETS

    assert PRESETS["book"]["standardise"] and not PRESETS["cpu"]["standardise"]


def test_steps_that_are_not_whole_epochs_end_with_a_short_epoch(tmp_path, squares):
    state = train_squares(tmp_path / "run", squares, steps=3, steps_per_epoch=2)
    assert state["step"] == 3 and [entry["step"] for entry in state["history"]] == [2, 3]
    assert int(diffusion.load(tmp_path / "run").optimizer.iterations) == 3
    assert (tmp_path / "run" / "samples" / "step_000003.png").exists()


def test_a_folder_one_class_or_unconditional_asks_trains_without_classes(tmp_path, squares, cifar):
    assert train_squares(tmp_path / "folder", squares)["classes"] == 0
    assert train_cifar(tmp_path / "frogs", cifar, steps=2, class_name="frog")["classes"] == 0
    assert train_cifar(tmp_path / "plain", cifar, steps=2, labels=False)["classes"] == 0
    assert open_run(tmp_path / "folder").technique == "diffusion"


def test_sampling_writes_grids_files_a_trajectory_and_a_walk(tmp_path, squares):
    train_squares(tmp_path / "run", squares)
    quiet = dict(report=lambda _: None, seed=1)
    images = diffusion.sample(tmp_path / "run", tmp_path / "grid.png", count=9, **quiet)
    assert images.shape == (9, 16, 16, 3) and Image.open(tmp_path / "grid.png").size == (3 * 18 + 2, 3 * 18 + 2)
    diffusion.sample(tmp_path / "run", tmp_path / "single", count=2, **quiet)
    assert sorted(p.name for p in (tmp_path / "single").iterdir()) == ["00000.png", "00001.png"]
    frames = diffusion.trajectory(tmp_path / "run", tmp_path / "steps.gif", count=4, steps=3, **quiet)
    assert len(frames) == 4 and Image.open(tmp_path / "steps.gif").n_frames == 4  # 3 steps, then the result
    assert Image.open(tmp_path / "steps.gif").size == (frames.shape[2], frames.shape[1])
    diffusion.interpolate(tmp_path / "run", tmp_path / "walk.gif", walks=2, stops=2, frames_between=3, **quiet)
    assert Image.open(tmp_path / "walk.gif").n_frames == 6
    np.testing.assert_array_equal(images, diffusion.sample(tmp_path / "run", count=9, **quiet))


def test_dpm_solver_and_eta_change_the_samples_and_steps_cost_network_calls(tmp_path, squares):
    train_squares(tmp_path / "run", squares, steps=4)
    model = diffusion.load(tmp_path / "run")
    calls = []
    original = model.averaged_network.predict_on_batch
    model.averaged_network.predict_on_batch = lambda inputs: calls.append(1) or original(inputs)
    ddim = diffusion.generate_images(model, 3, seed=1, steps=5)
    assert len(calls) == 6  # 5 steps and the final estimate
    assert not np.allclose(ddim, diffusion.generate_images(model, 3, seed=1, steps=5, sampler="dpm++"))
    assert not np.allclose(ddim, diffusion.generate_images(model, 3, seed=1, steps=5, eta=1.0))


def test_inpainting_keeps_the_known_pixels_exactly(tmp_path, squares):
    train_squares(tmp_path / "run", squares)
    image = np.zeros((16, 16, 3), np.uint8)
    image[:, :8] = 200
    mask = np.zeros((16, 16), np.uint8)
    mask[4:12, 4:12] = 255
    Image.fromarray(image).save(tmp_path / "image.png")
    Image.fromarray(mask).save(tmp_path / "mask.png")
    filled = diffusion.inpaint(tmp_path / "run", tmp_path / "image.png", tmp_path / "mask.png", tmp_path / "out.png",
                               count=3, seed=1, report=lambda _: None)
    keep = mask == 0
    np.testing.assert_allclose(filled[:, keep], np.broadcast_to(image[keep], filled[:, keep].shape), atol=0.01)
    assert not np.allclose(filled[:, ~keep], image[~keep], atol=1.0)
    assert Image.open(tmp_path / "out.png").size == (4 * 18 + 2, 18 + 2)


def test_a_named_mask_fills_that_part_of_an_image_of_any_size(tmp_path, squares):
    train_squares(tmp_path / "run", squares)
    image = np.full((40, 24, 3), 200, np.uint8)  # resized to the model's 16×16
    Image.fromarray(image).save(tmp_path / "image.png")
    filled = diffusion.inpaint(tmp_path / "run", tmp_path / "image.png", "bottom", count=2, seed=1,
                               report=lambda _: None)
    np.testing.assert_allclose(filled[:, :8], 200.0, atol=0.01)
    assert not np.allclose(filled[:, 8:], 200.0, atol=1.0)
    assert diffusion.named_mask("centre", 8, 4)[..., 0].tolist() == [[0, 0, 0, 0]] * 2 + [[0, 255, 255, 0]] * 4 + \
        [[0, 0, 0, 0]] * 2


def test_resuming_on_changed_images_is_refused(tmp_path, squares):
    train_squares(tmp_path / "run", squares)
    Image.fromarray(np.full((20, 20, 3), 255, np.uint8)).save(squares / "00.png")
    with pytest.raises(GenlabError, match="changed since this run started"):
        diffusion.train(run=tmp_path / "run", resume=True, steps=4, report=lambda _: None)


@pytest.mark.parametrize("override, message", [
    ({"widths": [8]}, "at least two widths"),
    ({"label_dropout": 1.5}, "label-dropout"),
    ({"learning_rate": float("nan")}, "learning-rate"),
    ({"sampler": "euler"}, "unknown sampler"),
    ({"sampling_steps": 0}, "sampling-steps"),
    ({"standardise": "yes"}, "true or false"),
])
def test_settings_outside_their_range_are_refused(override, message):
    from genlab.diffusion.presets import resolve_settings

    with pytest.raises(GenlabError, match=message):
        resolve_settings("cpu", override)


@pytest.fixture
def trained(tmp_path, squares):
    """A run folder (unconditional, 16×16 colour), an image of its size and masks of its size and another."""
    train_squares(tmp_path / "run", squares)
    Image.fromarray(np.zeros((16, 16, 3), np.uint8)).save(tmp_path / "image.png")
    Image.fromarray(np.full((16, 16), 255, np.uint8)).save(tmp_path / "mask.png")
    Image.fromarray(np.full((10, 16), 255, np.uint8)).save(tmp_path / "small_mask.png")
    return tmp_path


@pytest.mark.parametrize("args, message", [
    (["-o", "OUT/x.png", "--class", "3"], "--class needs a class-conditional model"),
    (["-o", "OUT/x.png", "--steps", "0"], "--steps: expected a whole number of at least 1"),
    (["-o", "OUT/x.png", "--guidance", "-1"], "--guidance: expected a number of at least 0"),
    (["-o", "OUT/x.png", "--inpaint", "OUT/image.png", "--mask", "OUT/small_mask.png"], "must be the same size"),
    (["-o", "OUT/x.png", "--inpaint", "OUT/image.png"], "go together"),
    (["-o", "OUT/image.png", "--inpaint", "OUT/image.png", "--mask", "OUT/mask.png"], "is an input of this command"),
    (["--count", "3"], "say where to write"),
])
def test_bad_sampling_requests_are_one_line_and_exit_2(trained, args, message, capsys):
    args = [a.replace("OUT", str(trained)) for a in args]
    assert message in one_line_error(capsys, "diffusion", "sample", trained / "run", *args)


@pytest.mark.parametrize("args, message", [
    (["--preset", "huge"], "unknown diffusion preset"),
    (["--widths", "8"], "at least two widths"),
])
def test_bad_training_options_are_one_line_and_exit_2(tmp_path, args, message, capsys):
    assert message in one_line_error(capsys, "diffusion", "train", "--run", tmp_path / "run", "--steps", "1", *args)
    assert not (tmp_path / "run").exists()
