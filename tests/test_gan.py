"""The DCGAN: the adversarial step, the two learning rates, runs that resume exactly, sampling, FID/KID."""

import numpy as np
import pytest
from PIL import Image

import keras
from conftest import needs_asset, one_line_error, run_cli, write_squares
from genlab import gan
from genlab.errors import GenlabError
from genlab.gan.callbacks import DiscriminatorWatch
from genlab.gan.model import DCGAN
from genlab.interpolation import slerp
from genlab.metrics.image_sets import compare_images
from genlab.gan.train import build_model
from genlab.metrics.image_distances import frechet_distance, kernel_distance
from genlab.training.batches import ShuffledBatches

SETTINGS = {"architecture": "small", "latent_dim": 8, "batch_size": 4, "steps": 4, "steps_per_epoch": 2,
            "d_learning_rate": 8e-4, "g_learning_rate": 4e-4, "clipvalue": 1.0, "dropout": 0.4, "label_noise": 0.05,
            "average": 0.995}


@pytest.fixture
def image_folder(tmp_path):
    """Twelve 20×20 colour images of bright squares on dark ground (resized to 16×16 for training)."""
    return write_squares(tmp_path / "images", 12, 20)


def train_tiny(run, folder, steps=4, **options):
    return gan.train(run=run, data=folder, image_size=16, preset="cpu", steps=steps, seed=3, report=lambda _: None,
                     latent_dim=8, batch_size=4, steps_per_epoch=2, **options)


def weights_moved(network, before):
    """For each weight: did it change by more than a learning rate of 1e-30 could move it?"""
    return [np.abs(a - np.array(b)).max() > 1e-12 for a, b in zip(before, network.weights)]


@pytest.mark.parametrize("frozen", ["generator", "discriminator"])
def test_one_step_moves_each_player_with_its_own_learning_rate(frozen):
    rates = {"g_learning_rate": 1e-30 if frozen == "generator" else 1e-3,
             "d_learning_rate": 1e-30 if frozen == "discriminator" else 1e-3}
    model = build_model({**SETTINGS, **rates}, (16, 16, 1), seed=0)
    real = np.random.default_rng(0).uniform(-1, 1, (4, 16, 16, 1)).astype("float32")
    before = {name: [np.array(v) for v in getattr(model, name).weights] for name in ("generator", "discriminator")}
    model.train_on_batch(real)
    moving = "discriminator" if frozen == "generator" else "generator"
    assert not any(weights_moved(getattr(model, frozen), before[frozen]))
    assert all(weights_moved(getattr(model, moving), before[moving]))


@pytest.mark.skipif(keras.backend.backend() != "tensorflow", reason="inspects gradients with TensorFlow")
def test_generator_loss_never_reaches_the_discriminator_and_its_loss_never_the_generator():
    import tensorflow as tf

    model = build_model(SETTINGS, (16, 16, 1), seed=0)
    real = tf.constant(np.random.default_rng(0).uniform(-1, 1, (4, 16, 16, 1)).astype("float32"))
    with tf.GradientTape(persistent=True) as tape:
        outputs = model(real, training=True)
        model.compute_loss(real, None, outputs)
        d_loss = model.trackers["d_loss"].result()
        fooled = outputs["fooled"]
        g_loss = tf.reduce_mean(keras.ops.binary_crossentropy(tf.ones_like(fooled), fooled, from_logits=True))
    g_on_d = tape.gradient(g_loss, model.discriminator.trainable_variables)
    assert all(g is None or not np.any(np.array(g)) for g in g_on_d)
    d_on_g = tape.gradient(outputs["fake"], model.generator.trainable_variables)
    assert all(g is None or not np.any(np.array(g)) for g in d_on_g)
    g_on_g = tape.gradient(g_loss, model.generator.trainable_variables)
    assert all(g is not None and np.any(np.array(g)) for g in g_on_g)
    assert d_loss is not None


@pytest.mark.parametrize("step, momentum", [(0, 0.1), (1000, 0.9)])  # warm-up: (1 + step) / (10 + step)
def test_images_come_from_an_average_of_the_generators_weights(step, momentum):
    model = build_model({**SETTINGS, "average": 0.9}, (16, 16, 3), seed=0)
    before = model.generator.get_weights()
    model.generator.set_weights([weight * 0.5 for weight in before])
    model.optimizer.iterations.assign(step)
    model.update_average()
    for averaged, start in zip(model.averaged_generator.get_weights(), before):
        np.testing.assert_allclose(averaged, start * (momentum + (1.0 - momentum) * 0.5), rtol=1e-5, atol=1e-6)
    latents = np.random.default_rng(0).standard_normal((2, SETTINGS["latent_dim"])).astype("float32")
    np.testing.assert_allclose(model.generate(latents), model.averaged_generator(latents), atol=1e-6)
    averaged, current = np.asarray(model.generate(latents)), np.asarray(model.generator(latents))
    assert np.max(np.abs(averaged - current)) > 0.1 * np.max(np.abs(current))  # relative: the images may be tiny


def test_targets_carry_label_noise_inside_zero_one():
    model = build_model(SETTINGS, (16, 16, 1), seed=0)
    outputs = model(np.zeros((64, 16, 16, 1), "float32"), training=True)
    real, fake = np.array(outputs["real_target"]), np.array(outputs["fake_target"])
    assert 0.95 <= real.min() and real.max() <= 1.0 and real.std() > 0
    assert 0.0 <= fake.min() and fake.max() <= 0.05 and fake.std() > 0


def test_a_run_writes_sample_grids_and_resumes_exactly(tmp_path, image_folder):
    train_tiny(tmp_path / "straight", image_folder, steps=4)
    train_tiny(tmp_path / "cut", image_folder, steps=2)
    gan.train(run=tmp_path / "cut", resume=True, steps=4, report=lambda _: None)
    straight, cut = gan.load(tmp_path / "straight"), gan.load(tmp_path / "cut")
    assert int(cut.optimizer.iterations) == 4
    for a, b in zip(straight.weights, cut.weights):
        np.testing.assert_allclose(np.array(a), np.array(b), rtol=1e-5, atol=1e-6)
    grids = sorted(p.name for p in (tmp_path / "cut" / "samples").glob("step_*.png"))
    assert grids == ["step_000002.png", "step_000004.png"]
    assert Image.open(tmp_path / "cut" / "samples" / "latest.png").size == (8 * 18 + 2, 8 * 18 + 2)


def test_a_finished_run_refuses_to_start_over(tmp_path, image_folder):
    train_tiny(tmp_path / "run", image_folder, steps=2)
    with pytest.raises(GenlabError, match="--resume"):
        train_tiny(tmp_path / "run", image_folder, steps=2)


def test_a_start_that_trains_nothing_or_fails_in_its_first_step_leaves_no_run_behind(tmp_path, image_folder,
                                                                                    monkeypatch):
    train_tiny(tmp_path / "run", image_folder, steps=0)
    assert not (tmp_path / "run").exists()

    def unreadable(self, step):
        raise GenlabError("image 3 is damaged")

    monkeypatch.setattr(ShuffledBatches, "__call__", unreadable)
    with pytest.raises(GenlabError, match="image 3 is damaged"):
        train_tiny(tmp_path / "run", image_folder, steps=2)
    assert not (tmp_path / "run").exists()


def test_resuming_on_changed_images_is_refused(tmp_path, image_folder):
    train_tiny(tmp_path / "run", image_folder, steps=2)
    Image.fromarray(np.full((20, 20, 3), 255, np.uint8)).save(image_folder / "00.png")
    with pytest.raises(GenlabError, match="changed since this run started"):
        gan.train(run=tmp_path / "run", resume=True, steps=4, report=lambda _: None)


def test_sample_writes_a_grid_single_images_and_a_walk(tmp_path, image_folder):
    train_tiny(tmp_path / "run", image_folder, steps=2)
    gan.sample(tmp_path / "run", tmp_path / "grid.png", count=9, seed=1, report=lambda _: None)
    assert Image.open(tmp_path / "grid.png").size == (3 * 18 + 2, 3 * 18 + 2)
    gan.sample(tmp_path / "run", tmp_path / "single", count=3, seed=1, report=lambda _: None)
    assert sorted(p.name for p in (tmp_path / "single").iterdir()) == ["00000.png", "00001.png", "00002.png"]
    gan.interpolate(tmp_path / "run", tmp_path / "walk.gif", walks=4, stops=2, frames_between=3, seed=1,
                    report=lambda _: None)
    assert Image.open(tmp_path / "walk.gif").n_frames == 6


def test_same_seed_same_samples(tmp_path, image_folder):
    train_tiny(tmp_path / "run", image_folder, steps=2)
    model = gan.load(tmp_path / "run")
    np.testing.assert_array_equal(gan.generate_images(model, 5, seed=2), gan.generate_images(model, 5, seed=2))
    assert not np.array_equal(gan.generate_images(model, 5, seed=2), gan.generate_images(model, 5, seed=3))


def test_slerp_keeps_endpoints_and_gaussian_norm():
    rng = np.random.default_rng(0)
    start, end = rng.standard_normal((2, 100, 64))
    np.testing.assert_allclose(slerp(start, end, 0.0), start, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(slerp(start, end, 1.0), end, rtol=1e-5, atol=1e-5)
    middle = np.linalg.norm(slerp(start, end, 0.5), axis=-1).mean()
    straight = np.linalg.norm(0.5 * (start + end), axis=-1).mean()
    assert middle > 7.0 > 6.0 > straight  # √64 = 8 for a Gaussian; the straight line's midpoint is ≈ 5.7


def test_discriminator_watch_warns_once_it_has_won_for_a_while():
    said = []
    watch = DiscriminatorWatch(report=said.append, patience=2)
    winning = {"d_real": 0.99, "d_fake": 0.01, "g_loss": 5.0}
    watch.on_epoch_end(0, {"d_real": 0.6, "d_fake": 0.4, "g_loss": 0.9})
    watch.on_epoch_end(1, winning)
    assert not said
    watch.on_epoch_end(2, winning)
    assert len(said) == 1 and "learning rate" in said[0] and "dropout" in said[0]


def test_frechet_distance_of_shifted_features_is_the_squared_shift():
    features = np.random.default_rng(0).standard_normal((4000, 8))
    assert frechet_distance(features, features) == pytest.approx(0.0, abs=1e-6)
    shift = np.array([3.0, 0, 0, 0, 0, 0, 0, 4.0])
    assert frechet_distance(features, features + shift) == pytest.approx(25.0, rel=1e-6)


def test_kernel_distance_is_near_zero_for_one_distribution_and_grows_with_the_gap():
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((2, 1000, 16))
    same, _ = kernel_distance(a, b, subsets=20, subset_size=200)
    apart, _ = kernel_distance(a, b + 1.0, subsets=20, subset_size=200)
    assert abs(same) < 0.01 < apart


def test_an_unknown_preset_is_one_line_and_exit_2(tmp_path):
    result = run_cli("gan", "train", "--run", tmp_path / "run", "--steps", "1", "--preset", "huge")
    assert result.returncode == 2, result.stderr
    assert "unknown GAN preset" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_sample_and_eval_refuse_what_is_not_a_gan(tmp_path, capsys):
    (tmp_path / "model.keras").write_bytes(b"not a zip")
    for command in (["sample", tmp_path / "model.keras", "-o", tmp_path / "x.png"], ["evaluate", tmp_path / "model.keras"]):
        assert "not a .keras model file" in one_line_error(capsys, "gan", *command)


@needs_asset("mnist")
@needs_asset("mobilenet_v2")
def test_fid_on_real_mnist_tells_digits_from_noise():
    from genlab.datasets import load_mnist

    train = load_mnist("train").padded_to(32, 32).images[:300]
    test = load_mnist("test").padded_to(32, 32).images[:300]
    noise = np.random.default_rng(0).random(train.shape).astype("float32")
    digits = compare_images(test, train)
    static = compare_images(noise, train)
    assert static["fid"] > 10 * digits["fid"]
    assert static["kid"] > 10 * digits["kid"]
    assert "MobileNetV2" in digits["features"]


@pytest.mark.parametrize("override", [{"d_learning_rate": float("nan")}, {"g_learning_rate": float("inf")},
                                      {"clipvalue": float("nan")}, {"label_noise": 1.5}, {"label_noise": -0.1}])
def test_settings_outside_their_range_are_refused(override):
    from genlab.gan.presets import resolve_settings

    with pytest.raises(GenlabError, match="must be"):
        resolve_settings("cpu", override)


def test_a_run_trains_in_bfloat16_and_resumes_in_it(tmp_path, image_folder):
    train_tiny(tmp_path / "run", image_folder, steps=2, precision="mixed_bfloat16")
    state = gan.train(run=tmp_path / "run", resume=True, steps=4, report=lambda _: None)
    assert state["settings"]["precision"] == "mixed_bfloat16" and state["step"] == 4
    model = gan.load(tmp_path / "run")
    assert model.generator.layers[1].compute_dtype == "bfloat16"
    assert model.discriminator.layers[-1].compute_dtype == "float32"  # the logits
    images = np.asarray(model.generate(np.zeros((2, 8), "float32")))
    assert images.dtype == np.float32 and np.isfinite(images).all()


def test_a_float16_run_moves_both_players_and_resumes_exactly(tmp_path, image_folder):
    """Loss scaling wraps the two players' optimizer; a step it skips still counts, so resuming stays exact."""
    train_tiny(tmp_path / "straight", image_folder, steps=4, precision="mixed_float16")
    train_tiny(tmp_path / "cut", image_folder, steps=2, precision="mixed_float16")
    before = gan.load(tmp_path / "cut")
    gan.train(run=tmp_path / "cut", resume=True, steps=4, report=lambda _: None)
    straight, cut = gan.load(tmp_path / "straight"), gan.load(tmp_path / "cut")
    assert cut.generator.layers[-1].compute_dtype == "float16" and int(cut.optimizer.iterations) == 4
    for network in ("generator", "discriminator"):
        assert all(weights_moved(getattr(cut, network), [np.array(w) for w in getattr(before, network).weights])), network
    for a, b in zip(straight.weights, cut.weights):
        np.testing.assert_allclose(np.array(a), np.array(b), rtol=1e-4, atol=1e-5)


def test_a_walk_around_a_sample_starts_on_it_and_comes_back_near_it():
    model = build_model(SETTINGS, (16, 16, 3), seed=0)
    images = gan.generate_images(model, 6, seed=9)
    np.testing.assert_allclose(gan.generate_images(model, 4, seed=9), images[:4])  # rows do not depend on count
    frames = gan.walk_around(model, seed=9, index=4, frames=8, scale=1)
    assert frames.shape == (8, 16, 16, 3)
    np.testing.assert_allclose(frames[0], images[4], atol=1e-3)
    assert np.abs(frames[4] - images[4]).mean() > np.abs(frames[1] - images[4]).mean()  # far side of the loop
