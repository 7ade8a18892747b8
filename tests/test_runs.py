"""Watching runs: history.csv and curves.png kept as a run trains, TensorBoard event files, the VAE's latent
grids, `genlab runs list | show | export`, exports that reproduce the Keras outputs, and one-line errors."""

import csv
import json
import shutil
import zipfile

import keras
import numpy as np
import pytest
from PIL import Image

from conftest import WORDS, one_line_error
from genlab import diffusion, gan, runs, text, vae
from genlab.backend import export_missing
from genlab.cli import build_parser, main
from genlab.errors import GenlabError
from genlab.precision import in_float32
from genlab.style.fast import build_trainer
from genlab.training import watch
from genlab.training.checkpoint import load_checkpoint, save_checkpoint
from genlab.training.archive_checks import STATE_MEMBER

QUIET = dict(report=lambda *_: None)
from genlab.runs import exporting
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory):
    """A folder of runs: a VAE trained in bfloat16 for one epoch (with TensorBoard) and resumed for a second, a one-epoch
    GAN, a one-epoch diffusion model, a one-epoch character model and an untrained fast style network."""
    folder = tmp_path_factory.mktemp("runs")
    squares = _squares(tmp_path_factory.mktemp("squares"), count=64, side=8, grey=True)
    vae.train(run=folder / "vae", data=squares, image_size=8, channels=1, batch_size=8, seed=1, epochs=1,
              tensorboard=True, precision="mixed_bfloat16", **QUIET)  # what `auto` picks on a CPU with AMX
    vae.train(run=folder / "vae", resume=True, epochs=2, **QUIET)
    colour = _squares(tmp_path_factory.mktemp("colour"), count=12, side=16, grey=False)
    gan.train(run=folder / "gan", data=colour, image_size=16, steps=2, seed=3, latent_dim=8, batch_size=4,
              steps_per_epoch=2, **QUIET)
    diffusion.train(run=folder / "diffusion", data=colour, image_size=16, steps=2, seed=3, widths=[8, 16], block_depth=1,
                    batch_size=4, steps_per_epoch=2, sampling_steps=2, grid_size=4, **QUIET)
    corpus = tmp_path_factory.mktemp("corpus") / "corpus.txt"
    rng = np.random.default_rng(0)
    corpus.write_text("\n".join(" ".join(rng.choice(WORDS, size=12)) for _ in range(100)), encoding="utf-8")
    text.train(run=folder / "text", corpus=str(corpus), epochs=1, preset="book", units=16, context=20, batch_size=8,
               steps_per_epoch=4, sample_length=5, seed=1, **QUIET)
    _fast_style_network(folder / "painting" / "model.keras")
    return folder


def _squares(folder, count, side, grey):
    rng = np.random.default_rng(0)
    for index in range(count):
        pixels = np.zeros((side, side) if grey else (side, side, 3), np.uint8)
        top, left = rng.integers(0, side // 2 + 1, 2)
        pixels[top : top + side // 2, left : left + side // 2] = 255
        Image.fromarray(pixels).save(folder / f"{index:02d}.png")
    return folder


def _fast_style_network(path):
    """A tiny fast style network saved as train_fast saves one, without VGG16 (nothing trained)."""
    path.parent.mkdir()
    trainer = build_trainer(width=4, residual_blocks=1)
    state = {"style": "style.png", "images": None, "crop": 32, "batch_size": 2, "weights": [1.0, 5.0, 0.01],
             "style_size": 64, "precision": "float32", "seed": 1, "history": [], "step": 0}
    save_checkpoint(trainer, path, state)


def cli(*argv):
    return main([str(arg) for arg in argv])


def test_history_csv_has_one_row_per_epoch_and_survives_resume(run_folder):
    with open(run_folder / "vae" / "history.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    recorded = load_checkpoint(run_folder / "vae" / "model.keras")[1]["history"]
    assert [int(row["step"]) for row in rows] == [7, 14]
    assert [float(row["val_neg_elbo"]) for row in rows] == [record["val_neg_elbo"] for record in recorded]
    assert {"loss", "neg_elbo", "kl", "val_loss", "seconds"} <= set(rows[0])


def test_training_keeps_curves_latent_grids_and_tensorboard_events(run_folder):
    run = run_folder / "vae"
    assert (run / "curves.png").read_bytes().startswith(PNG_SIGNATURE)
    assert sorted(path.name for path in (run / "grids").glob("*.png")) == ["latest.png", "step_000007.png",
                                                                          "step_000014.png"]
    assert Image.open(run / "grids" / "latest.png").size == (15 * 8, 15 * 8)
    assert list((run / "tensorboard" / "train").glob("events.out.tfevents.*"))
    assert list((run / "tensorboard" / "validation").glob("events.out.tfevents.*"))


def test_every_trainer_takes_tensorboard():
    parser = build_parser()
    for command in (["text", "train"], ["vae", "train"], ["gan", "train"], ["diffusion", "train"],
                    ["style", "train-fast", "chelsea"]):
        assert parser.parse_args([*command, "--tensorboard"]).tensorboard is True
        assert parser.parse_args(command).tensorboard is False


def test_run_files_that_cannot_be_written_warn_once_and_training_goes_on(tmp_path, monkeypatch):
    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(watch, "write_history", broken)
    said = []
    files = watch.RunFiles(tmp_path / "model.keras", {"history": []}, report=said.append)
    files.on_epoch_end(0)
    files.on_epoch_end(1)
    assert len(said) == 1 and "disk full" in said[0] and "training goes on" in said[0]


def test_runs_list_shows_every_run_with_its_figures(run_folder, capsys):
    summaries = {summary.path.name: summary for summary in runs.list_runs(run_folder)}
    assert set(summaries) == {"vae", "gan", "diffusion", "text", "painting"}
    assert summaries["vae"].technique == "vae" and summaries["vae"].steps == 14 and summaries["vae"].epochs == 2
    assert summaries["vae"].best.unit == "nats/image"
    assert summaries["text"].best.unit == "bits/char" and summaries["gan"].best is None
    assert cli("runs", "list", run_folder) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["run", "technique", "preset", "steps", "time", "best", "held-out", "last", "change"]
    assert len(table) == 6
    assert cli("runs", "list", run_folder, "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert {entry["technique"] for entry in listed} == {"vae", "gan", "diffusion", "text", "style"}


def test_runs_show_prints_the_settings_and_writes_the_curves(run_folder, capsys):
    curves = run_folder / "gan" / "curves.png"
    curves.unlink()
    assert cli("runs", "show", run_folder / "gan") == 0
    printed = capsys.readouterr().out
    assert "settings.latent_dim" in printed and f"wrote {curves}" in printed
    assert curves.read_bytes().startswith(PNG_SIGNATURE) and Image.open(curves).size[0] > 500


@pytest.mark.filterwarnings("ignore:.*tf.lite.Interpreter is deprecated")
@pytest.mark.parametrize("format", ["savedmodel", "tflite", "onnx"])
def test_a_vae_decoder_export_reproduces_keras(run_folder, tmp_path, format):
    model = vae.load(run_folder / "vae")
    latents = np.random.default_rng(0).standard_normal((3, model.latent_dim)).astype("float32")
    suffix = {"savedmodel": "", "tflite": ".tflite", "onnx": ".onnx"}[format]
    path = runs.export(run_folder / "vae", format, tmp_path / f"decoder{suffix}", **QUIET)
    exported = run_export(format, path, latents)
    # The export computes in float32 (runtimes lack bfloat16 kernels): it is the float32 decoder to float
    # tolerance, and the bfloat16 one to bfloat16's three digits.
    np.testing.assert_allclose(exported, keras.ops.convert_to_numpy(in_float32(model.decoder)(latents)),
                               rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(exported, keras.ops.convert_to_numpy(model.decoder(latents)), rtol=2e-2, atol=2e-2)


def test_a_gan_generator_export_reproduces_keras(run_folder, tmp_path):
    model = gan.load(run_folder / "gan")
    latents = np.random.default_rng(0).standard_normal((2, model.latent_dim)).astype("float32")
    path = runs.export(run_folder / "gan", "onnx", tmp_path / "generator.onnx", **QUIET)
    np.testing.assert_allclose(run_export("onnx", path, latents), np.asarray(model.generate(latents)), atol=1e-4)


def test_a_diffusion_export_is_the_averaged_unet(run_folder, tmp_path):
    import onnxruntime

    model = diffusion.load(run_folder / "diffusion")
    rng = np.random.default_rng(0)
    inputs = [rng.standard_normal((2, 16, 16, 3)).astype("float32"), np.full((2, 1, 1, 1), 0.3, "float32")]
    path = runs.export(run_folder / "diffusion", "onnx", tmp_path / "unet.onnx", **QUIET)
    session = onnxruntime.InferenceSession(str(path))
    exported = session.run(None, {given.name: value for given, value in zip(session.get_inputs(), inputs)})[0]
    np.testing.assert_allclose(exported, model.averaged_network.predict_on_batch(inputs), atol=1e-4)


def test_a_text_model_export_reproduces_keras(run_folder, tmp_path):
    model = text.load(run_folder / "text")
    tokens = np.random.default_rng(0).integers(0, model.vocab_size, (2, 9)).astype("int32")
    path = runs.export(run_folder / "text", "savedmodel", tmp_path / "text", **QUIET)
    np.testing.assert_allclose(run_export("savedmodel", path, tokens), keras.ops.convert_to_numpy(model(tokens)),
                               rtol=1e-4, atol=1e-4)


@pytest.mark.slow  # tracing the network for images of any size takes several seconds
def test_a_fast_style_export_goes_to_its_default_place_and_reproduces_keras(run_folder):
    photos = np.random.default_rng(0).uniform(0, 255, (1, 20, 24, 3)).astype("float32")
    path = runs.export(run_folder / "painting", "savedmodel", **QUIET)
    assert path == run_folder / "painting" / "savedmodel"
    net = load_checkpoint(run_folder / "painting" / "model.keras")[0].net
    np.testing.assert_allclose(run_export("savedmodel", path, photos), keras.ops.convert_to_numpy(net(photos)),
                               rtol=1e-4, atol=1e-2)


def run_export(format, path, inputs):
    """What the exported artifact at ``path`` computes for ``inputs``, run by its own runtime."""
    import tensorflow as tf

    if format == "savedmodel":
        loaded = tf.saved_model.load(str(path))  # held: its functions need its variables alive
        return np.asarray(loaded.serve(inputs))
    if format == "tflite":
        runner = tf.lite.Interpreter(model_path=str(path)).get_signature_runner()
        (output,) = runner(**{name: inputs for name in runner.get_input_details()}).values()
        return output
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path))
    return session.run(None, {session.get_inputs()[0].name: inputs})[0]


def test_bad_runs_give_one_line_and_exit_2(run_folder, tmp_path, capsys):
    assert "no such run" in one_line_error(capsys, "runs", "show", tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    assert "not a genlab run" in one_line_error(capsys, "runs", "show", tmp_path / "empty")
    plain = tmp_path / "plain.keras"
    keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)]).save(plain)
    assert "not a genlab training run" in one_line_error(capsys, "runs", "export", plain, "--format", "onnx")
    assert "no such folder" in one_line_error(capsys, "runs", "list", tmp_path / "nowhere")
    assert "invalid choice" in one_line_error(capsys, "runs", "export", run_folder / "vae", "--format", "pb")
    assert "exists" in one_line_error(capsys, "runs", "export", run_folder / "vae", "--format", "onnx", "-o",
                                      run_folder / "vae" / "history.csv")


def test_a_run_whose_history_is_corrupt_gives_one_line_and_exit_2(run_folder, tmp_path, capsys):
    shutil.copytree(run_folder / "gan", tmp_path / "gan")
    checkpoint = tmp_path / "gan" / "model.keras"
    with zipfile.ZipFile(run_folder / "gan" / "model.keras") as source, zipfile.ZipFile(checkpoint, "w") as copy:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == STATE_MEMBER:
                state = json.loads(data)
                state["history"][0]["d_loss"] = "much"
                data = json.dumps(state)
            copy.writestr(member, data)
    assert "history[0].d_loss" in one_line_error(capsys, "runs", "show", tmp_path / "gan")


def test_a_format_the_backend_or_the_packages_cannot_write_is_one_line(run_folder, monkeypatch, capsys):
    assert export_missing("litert", backend="jax") is None
    assert export_missing("tf_saved_model", backend="tensorflow") == []
    monkeypatch.setattr(exporting, "export_missing", lambda keras_format: None)
    assert "KERAS_BACKEND=tensorflow" in one_line_error(capsys, "runs", "export", run_folder / "vae", "--format",
                                                        "tflite")
    monkeypatch.setattr(exporting, "export_missing", lambda keras_format: ["tf2onnx", "onnx"])
    assert "genlab[export]" in one_line_error(capsys, "runs", "export", run_folder / "vae", "--format", "onnx")


def test_a_new_run_in_a_folder_of_another_technique_is_refused_naming_what_is_there(run_folder, tmp_path):
    with pytest.raises(GenlabError, match="holds a VAE run, not a GAN run: give another run folder") as refused:
        gan.train(run=run_folder / "vae", steps=1, **QUIET)
    assert "resume" not in str(refused.value)
    with pytest.raises(GenlabError, match="holds a GAN run, not a text run"):
        text.train(run=run_folder / "gan", epochs=1, **QUIET)
    with pytest.raises(GenlabError, match="already holds a VAE run: resume it"):
        vae.train(run=run_folder / "vae", epochs=1, **QUIET)
    plain = tmp_path / "plain"
    plain.mkdir()
    keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)]).save(plain / "model.keras")
    with pytest.raises(GenlabError, match="holds a model.keras that is not a genlab run, not a VAE run"):
        vae.train(run=plain, epochs=1, **QUIET)
