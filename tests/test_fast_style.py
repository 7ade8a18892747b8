import keras
import numpy as np
import pytest
from PIL import Image

from genlab import assets
from genlab.cli import main
from genlab.errors import GenlabError
from genlab.images import load_image
from genlab.style.fast import FEW_STEPS, FastStyleTrainer, apply_fast, build_trainer, load_fast, train_fast
from genlab.style.fast_data import RandomCrops, training_photos
from genlab.style.transform_net import TransformNet, Upsample2x
from genlab.training.checkpoint import load_checkpoint, save_checkpoint


def test_the_network_keeps_size_and_pixel_range():
    net = TransformNet(width=4, residual_blocks=1)
    out = np.asarray(net(np.random.default_rng(0).uniform(0, 255, (2, 32, 48, 3)).astype("float32")))
    assert out.shape == (2, 32, 48, 3) and out.min() >= 0 and out.max() <= 255


def test_apply_handles_sides_that_are_not_multiples_of_4():
    image = np.random.default_rng(1).uniform(0, 255, (37, 50, 3)).astype("float32")
    assert apply_fast(TransformNet(width=4, residual_blocks=1), image).shape == (37, 50, 3)


def test_one_network_stylises_photos_of_several_sizes_in_turn():
    net = TransformNet(width=4, residual_blocks=1)
    for shape in ((32, 48, 3), (40, 28, 3), (37, 50, 3), (64, 64, 3)):
        image = np.random.default_rng(sum(shape)).uniform(0, 255, shape).astype("float32")
        assert apply_fast(net, image).shape == shape


def test_bilinear_doubling_matches_keras_resize():
    x = np.random.default_rng(4).normal(size=(2, 5, 7, 3)).astype("float32")
    for interpolation in ("bilinear", "nearest"):
        expected = keras.layers.UpSampling2D(2, interpolation=interpolation)(x)
        np.testing.assert_allclose(Upsample2x(interpolation)(x), expected, atol=1e-5)


def test_a_saved_network_keeps_its_upsampling():
    trainer = FastStyleTrainer(width=4, residual_blocks=1, upsampling="nearest")
    assert FastStyleTrainer.from_config(trainer.get_config()).net.upsampling == "nearest"
    assert FastStyleTrainer.from_config({"width": 4, "residual_blocks": 1}).net.upsampling == "nearest"
    assert FastStyleTrainer(width=4, residual_blocks=1).net.upsampling == "bilinear"
    resize = [layer for layer in trainer.net.stack if layer.name.endswith("_resize")]
    assert [layer.interpolation for layer in resize] == ["nearest", "nearest"]


def test_crops_depend_only_on_the_step(tmp_path):
    for i in range(3):
        Image.fromarray(np.full((60 + i, 90, 3), 40 * i, np.uint8)).save(tmp_path / f"{i}.png")
    crops = RandomCrops(training_photos(tmp_path), crop=32, batch_size=5, seed=3)
    x, motions = crops(7)
    assert x.shape == (5, 32, 32, 3) and motions.shape == (5, 8)
    again = RandomCrops(training_photos(tmp_path), 32, 5, 3)(7)
    np.testing.assert_array_equal(again[0], x)
    np.testing.assert_array_equal(again[1], motions)
    assert not np.array_equal(crops(8)[1], motions)
    with pytest.raises(GenlabError, match="no images"):
        training_photos(_empty(tmp_path))


def _empty(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


@pytest.mark.assets
def test_train_resume_and_apply_a_fast_network(tmp_path):
    if not assets.is_cached("vgg16-hed"):
        pytest.skip("vgg16-hed is not cached; run `genlab assets fetch vgg16-hed`")
    style = tmp_path / "style.png"
    Image.fromarray(np.random.default_rng(2).integers(0, 255, (64, 64, 3), dtype=np.uint8)).save(style)
    run = tmp_path / "run"
    options = dict(steps=4, crop=32, batch_size=2, width=4, residual_blocks=1, style_size=64, steps_per_epoch=2,
                   precision="float32", seed=1, report=lambda *_: None)
    state = train_fast(style, run, **options)
    assert state["step"] == 4 and len(state["history"]) == 2
    with pytest.raises(GenlabError, match="--resume"):
        train_fast(style, run, **options)
    train_fast(style, run, resume=True, **{**options, "steps": 6})
    assert load_checkpoint(run / "model.keras")[1]["step"] == 6
    photo = tmp_path / "photo.png"
    Image.fromarray(np.random.default_rng(3).integers(0, 255, (30, 45, 3), dtype=np.uint8)).save(photo)
    for index, model in enumerate((run, run / "model.keras")):  # the run folder, or its model file
        out = tmp_path / f"stylised-{index}"
        assert main(["style", "apply", str(model), str(photo), str(photo), "-o", str(out)]) == 0
        assert load_image(out / "photo.png").shape == (30, 45, 3)
        assert load_fast(model).count_params() > 0


def test_a_start_that_fails_on_a_broken_photo_leaves_no_network_behind(tmp_path, capsys, monkeypatch):
    from genlab.style import fast

    monkeypatch.setattr(fast, "load_backbone", lambda *args, **kwargs: None)  # the photo fails before any loss
    monkeypatch.setattr(fast, "perceptual_loss", lambda *args: None)
    style = tmp_path / "style.png"
    Image.fromarray(np.random.default_rng(2).integers(0, 255, (32, 32, 3), dtype=np.uint8)).save(style)
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    run = tmp_path / "run"
    assert main(["style", "train-fast", str(style), "--run", str(run), "--data", str(photos), "--steps", "2",
                 "--crop", "16", "--batch-size", "1", "--seed", "1"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "broken.png" in lines[0], lines
    assert not run.exists()


@pytest.mark.parametrize("step, noted", [(8, True), (FEW_STEPS, False)])
def test_applying_a_network_that_has_hardly_trained_says_so(tmp_path, capsys, step, noted):
    trainer = build_trainer(width=4, residual_blocks=1)
    state = {"style": "style.png", "images": None, "crop": 32, "batch_size": 2, "weights": [1.0, 5.0, 0.01],
             "style_size": 64, "precision": "float32", "seed": 1, "history": [], "step": step}
    save_checkpoint(trainer, tmp_path / "young.keras", state)
    notes = []
    load_fast(tmp_path / "young.keras", report=notes.append)
    assert bool(notes) == noted and all(f"only {step:,} steps" in line and "--resume" in line for line in notes)
    photo = tmp_path / "photo.png"
    Image.new("RGB", (12, 8)).save(photo)
    assert main(["style", "apply", str(tmp_path / "young.keras"), str(photo), "-o", str(tmp_path / "out.png")]) == 0
    assert ("note: " in capsys.readouterr().err) == noted
