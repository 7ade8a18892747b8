"""One trainer per run folder: a second one is refused while the first lives, and a killed one leaves no lock."""

import os
import signal

import numpy as np
import pytest
from PIL import Image

from genlab.cli import main
from genlab.training.lock import run_lock

from test_train import saved_state, start_training, wait_for_epochs

from conftest import one_line_error


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "photo.png"
    Image.fromarray(np.zeros((16, 16, 3), np.uint8)).save(path)
    return path


@pytest.mark.parametrize("trainer", ["text", "vae", "gan", "fast", "text --resume"])
def test_every_trainer_refuses_a_run_in_use(tmp_path, capsys, photo, trainer):
    run = tmp_path / "run"
    checkpoint = run / "model.keras"
    argv = {
        "text": ["text", "train", "--run", run, "--corpus", photo, "--epochs", 1],
        "text --resume": ["text", "train", "--run", run, "--resume"],
        "vae": ["vae", "train", "--run", run, "--data", tmp_path, "--image-size", 8, "--epochs", 1],
        "gan": ["gan", "train", "--run", run, "--data", tmp_path, "--image-size", 16, "--steps", 1],
        "fast": ["style", "train-fast", photo, "--run", run, "--data", tmp_path, "--steps", 1],
    }[trainer]
    with run_lock(checkpoint):
        assert f"in use by another trainer (process {os.getpid()})" in one_line_error(capsys, *argv)
    assert not run.exists() and list(tmp_path.iterdir()) == [photo]  # the lock and its folder are gone


@pytest.mark.slow
def test_a_trainer_killed_with_sigkill_leaves_no_lock(tmp_path, capsys, tiny_corpus):
    checkpoint = tmp_path / "model.keras"
    first = start_training(tmp_path, tiny_corpus)
    try:
        wait_for_epochs(checkpoint, 1, first)
        assert "in use by another trainer" in one_line_error(capsys, "text", "train", "--run", tmp_path, "--resume")
        assert "in use by another trainer" in one_line_error(capsys, "text", "train", "--run", tmp_path, "--corpus",
                                                             tiny_corpus)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    step = saved_state(checkpoint)["step"]
    assert main(["text", "train", "--run", str(tmp_path), "--resume", "--epochs", str(step // 3 + 1)]) == 0
    assert saved_state(checkpoint)["step"] == (step // 3 + 1) * 3
    assert not (tmp_path / ".model.keras.lock").exists()
