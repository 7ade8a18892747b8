import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import keras
import numpy as np
import pytest

from genlab import text
from genlab.errors import GenlabError
from genlab.training.callbacks import CtrlC
from genlab.training.checkpoint import STATE_MEMBER

from conftest import one_line_error, run_cli

TINY = dict(preset="book", units=16, context=20, batch_size=8, steps_per_epoch=4, sample_length=5, seed=1,
            report=lambda *_: None)


def weights(path):
    return text.load(path).get_weights()


def saved_state(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(STATE_MEMBER))


def test_training_lowers_the_loss_and_writes_samples(tmp_path, tiny_corpus, capsys):
    state = text.train(run=tmp_path, corpus=str(tiny_corpus), epochs=3, **{**TINY, "preset": "cpu", "units": 32})
    progress = capsys.readouterr().out
    assert "epoch 2/3" in progress and "epoch 2/2" not in progress  # the total, though epochs run one per fit
    history = state["history"]
    assert [round(h["epoch"]) for h in history] == [1, 2, 3]
    assert history[-1]["val_loss"] < history[0]["val_loss"]
    assert history[-1]["val_bpc"] == pytest.approx(history[-1]["val_loss"] / np.log(2))
    assert (tmp_path / "samples.txt").read_text().count("--- temperature") == 3 * 4


def test_resuming_gives_the_same_weights_as_training_straight_through(tmp_path, tiny_corpus):
    text.train(run=tmp_path / "straight", corpus=str(tiny_corpus), epochs=3, **TINY)
    text.train(run=tmp_path / "cut", corpus=str(tiny_corpus), epochs=1, **TINY)
    text.train(run=tmp_path / "cut", resume=True, minutes=1e-6, report=lambda *_: None)
    assert saved_state(tmp_path / "cut" / "model.keras")["step"] == 5  # stopped mid-epoch by the time budget
    text.train(run=tmp_path / "cut", resume=True, epochs=3, report=lambda *_: None)
    for straight, resumed in zip(weights(tmp_path / "straight" / "model.keras"), weights(tmp_path / "cut" / "model.keras")):
        np.testing.assert_allclose(resumed, straight, rtol=1e-5, atol=1e-6)


def test_an_existing_run_is_not_overwritten_and_a_missing_one_cannot_resume(tmp_path, tiny_corpus):
    text.train(run=tmp_path, corpus=str(tiny_corpus), epochs=1, **TINY)
    with pytest.raises(GenlabError, match="--resume"):
        text.train(run=tmp_path, corpus=str(tiny_corpus), epochs=1, **TINY)
    with pytest.raises(GenlabError, match="nothing to resume"):
        text.train(run=tmp_path / "other", resume=True)


def test_a_word_transformer_trains_and_generates(tmp_path, tiny_corpus):
    state = text.train(run=tmp_path, corpus=str(tiny_corpus), kind="word", epochs=2, preset="book", context=16,
                       embed_dim=16, heads=2, ff_dim=32, vocab_size=12, batch_size=8, steps_per_epoch=5, warmup_steps=0,
                       sample_length=6, seed=2, report=lambda *_: None)
    assert "val_perplexity" in state["history"][-1]
    model = text.load(tmp_path / "model.keras")
    assert model.tokenizer.kind == "word" and model.vocab_size == 12
    generated = text.generate(model, "the", 30, temperature=0.7, seed=0)
    assert generated.startswith("the") and len(generated.split()) >= 20


def wait_for_epochs(path, count, process, limit=240):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            if len(saved_state(path)["history"]) >= count:
                return
        except (OSError, KeyError, zipfile.BadZipFile):
            pass
        time.sleep(0.2)
    raise AssertionError("training did not reach the epoch in time")


def start_training(run, corpus):
    command = [sys.executable, "-m", "genlab", "text", "train", "--run", run, "--corpus", corpus, "--epochs",
               "1000", "--units", "16", "--context", "20", "--batch-size", "8", "--steps-per-epoch", "3",
               "--sample-length", "5", "--seed", "3"]
    return subprocess.Popen(list(map(str, command)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_kill_9_loses_at_most_the_work_since_the_last_checkpoint(tmp_path, tiny_corpus):
    checkpoint = tmp_path / "model.keras"
    process = start_training(tmp_path, tiny_corpus)
    wait_for_epochs(checkpoint, 2, process)
    process.kill()
    process.wait()
    step = saved_state(checkpoint)["step"]
    assert step >= 6
    result = run_cli("text", "train", "--run", tmp_path, "--resume", "--epochs", step // 3 + 1)
    assert result.returncode == 0, result.stderr
    assert f"resuming {checkpoint} at step {step}" in result.stdout
    assert saved_state(checkpoint)["step"] == (step // 3 + 1) * 3


@pytest.mark.slow
def test_ctrl_c_saves_a_checkpoint_and_exits_130(tmp_path, tiny_corpus):
    checkpoint = tmp_path / "model.keras"
    process = start_training(tmp_path, tiny_corpus)
    wait_for_epochs(checkpoint, 1, process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip().splitlines()[-1].startswith("genlab: interrupted at step")
    assert f"step {saved_state(checkpoint)['step']};" in stderr


def test_ctrl_c_during_training_waits_for_the_batch_end():
    ctrl_c = CtrlC()
    before = signal.getsignal(signal.SIGINT)  # SIG_IGN when the tests run as a background job
    with ctrl_c.installed():
        os.kill(os.getpid(), signal.SIGINT)  # Python runs the handler at the next bytecode: no exception here
        time.sleep(0.01)
        assert ctrl_c.pressed
        with pytest.raises(KeyboardInterrupt):
            ctrl_c.on_train_batch_end(0)
        with pytest.raises(KeyboardInterrupt):  # a second Ctrl-C interrupts at once
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize("content, problem", [
    (None, "corpus not found"),
    (b"", "is empty"),
    (b"\x00\x01\x02binary", "looks binary"),
    (b"\xff\xfe\xfa not utf-8", "not UTF-8"),
    (b"too short", "fewer than one window"),
])
def test_bad_corpora_give_one_line_and_exit_2(tmp_path, capsys, content, problem):
    corpus = tmp_path / "corpus.txt"
    if content is not None:
        corpus.write_bytes(content)
    assert problem in one_line_error(capsys, "text", "train", "--run", tmp_path / "run", "--corpus", corpus,
                                     "--epochs", "1")


@pytest.mark.parametrize("options", [[], ["--context", "100000"], ["--model", "word"]])
def test_a_start_that_fails_leaves_no_run_behind(tmp_path, capsys, tiny_corpus, options):
    corpus = tmp_path / "short.txt"
    corpus.write_text("too short")
    run = tmp_path / "run"
    assert "fewer than one window" in one_line_error(capsys, "text", "train", "--run", run, "--corpus",
                                                     tiny_corpus if "--context" in options else corpus, *options)
    assert not run.exists()


def test_ctrl_c_before_the_first_step_leaves_no_run_behind(tmp_path, tiny_corpus, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(keras.Model, "fit", interrupted)
    with pytest.raises(KeyboardInterrupt, match="before the first step; nothing was saved"):
        text.train(run=tmp_path / "run", corpus=str(tiny_corpus), epochs=1, **TINY)
    assert not (tmp_path / "run").exists()


def test_bad_model_files_and_prompts_give_one_line_and_exit_2(tmp_path, capsys, tiny_corpus):
    (tmp_path / "empty.keras").write_bytes(b"")
    (tmp_path / "junk.keras").write_bytes(b"PK\x03\x04 truncated zip")
    plain = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    plain.save(tmp_path / "plain.keras")
    assert "no such model file" in one_line_error(capsys, "text", "generate", tmp_path / "missing.keras")
    assert "not a .keras model file" in one_line_error(capsys, "text", "generate", tmp_path / "empty.keras")
    assert "not a .keras model file" in one_line_error(capsys, "text", "generate", tmp_path / "junk.keras")
    assert "not a language model" in one_line_error(capsys, "text", "generate", tmp_path / "plain.keras")
    text.train(run=tmp_path / "run", corpus=str(tiny_corpus), epochs=1, **TINY)
    model = tmp_path / "run" / "model.keras"
    assert "does not know: 'Q'" in one_line_error(capsys, "text", "generate", model, "--prompt", "Qat")
    assert "--units: expected a whole number of at least 1" in one_line_error(
        capsys, "text", "train", "--run", tmp_path / "r2", "--corpus", tiny_corpus, "--units", "0")


def test_the_divergence_guard_stops_on_nan_and_on_a_loss_worse_than_guessing():
    from genlab.training.callbacks import DivergenceGuard, TrainingDiverged

    guard = DivergenceGuard(ceiling=5.0, patience=2)
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer="adam")
    guard.set_model(model)
    with pytest.raises(TrainingDiverged, match="the loss became nan"):
        guard.on_train_batch_end(0, {"loss": float("nan")})
    guard.on_train_batch_end(0, {"loss": 9.0})  # too early to judge a running mean
    with pytest.raises(TrainingDiverged, match="worse than guessing"):
        guard.on_train_batch_end(1, {"loss": 9.0})


def test_a_diverging_run_stops_with_one_line_instead_of_training_noise(tmp_path, tiny_corpus):
    run = tmp_path / "run"
    result = run_cli("text", "train", "--run", run, "--corpus", tiny_corpus, "--preset", "cpu", "--units", 16,
                     "--context", 20, "--batch-size", 8, "--steps-per-epoch", 60, "--epochs", 2, "--seed", 1,
                     "--learning-rate", 1000)
    assert result.returncode == 2 and "training diverged at step" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (run / "model.keras").exists()


def test_progress_counts_the_steps_that_ran_when_the_time_budget_cuts_an_epoch(tmp_path, tiny_corpus, capsys):
    state = text.train(run=tmp_path / "run", corpus=str(tiny_corpus), minutes=0.0001,
                       **{**TINY, "preset": "cpu", "units": 16, "steps_per_epoch": 50, "report": print})
    out = capsys.readouterr().out
    ran = state["step"]
    assert 1 <= ran < 50
    steps = f"{ran} step{'s' * (ran != 1)}"  # "1 step", "2 steps"
    assert f"· step {ran} · {steps} in" in out  # not "50/50"
    assert f"stopped (the time budget of 0.0001 min): {steps} in" in out
    assert f"time is up at step {ran}; the epoch's evaluation, samples and checkpoint run now" in out  # said first
    assert "\r" not in out and "\x1b" not in out
