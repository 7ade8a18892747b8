"""Starting a run over (``--overwrite``, ``overwrite=True``) replaces the earlier run's files and nothing else,
and only once the new run is ready to train."""

import csv

import numpy as np
import pytest
from PIL import Image

from conftest import WORDS
from genlab import text
from genlab.cli import main
from genlab.errors import GenlabError
from genlab.training.checkpoint import load_checkpoint
from genlab.training.layout import clear_run

QUIET = dict(report=lambda *_: None)
TINY = dict(preset="book", units=16, context=20, batch_size=8, steps_per_epoch=4, sample_length=5, **QUIET)


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.txt"
    rng = np.random.default_rng(0)
    path.write_text("\n".join(" ".join(rng.choice(WORDS, size=12)) for _ in range(100)), encoding="utf-8")
    return path


def _epochs_in_history(run):
    with open(run / "history.csv", newline="") as rows:
        return [row["epoch"] for row in csv.DictReader(rows)]


def test_overwrite_starts_over_removing_the_old_runs_files_and_keeping_the_users(tmp_path, corpus):
    run = tmp_path / "run"
    text.train(run=run, corpus=corpus, epochs=2, seed=1, tensorboard=True, **TINY)
    (run / "notes.txt").write_text("mine")
    old_samples = (run / "samples.txt").read_text()
    with pytest.raises(GenlabError, match=r"start it over \(--overwrite, overwrite=True\)"):
        text.train(run=run, corpus=corpus, epochs=1, **TINY)
    state = text.train(run=run, corpus=corpus, epochs=1, seed=2, overwrite=True, **TINY)
    assert state["step"] == 4 and state["seed"] == 2
    assert load_checkpoint(run / "model.keras")[1]["step"] == 4
    assert _epochs_in_history(run) == ["1"]
    assert not (run / "tensorboard").exists()
    assert len((run / "samples.txt").read_text()) < len(old_samples)
    assert (run / "notes.txt").read_text() == "mine"


def test_an_overwrite_that_fails_before_training_leaves_the_old_run_whole(tmp_path, corpus):
    run = tmp_path / "run"
    text.train(run=run, corpus=corpus, epochs=1, seed=1, **TINY)
    short = tmp_path / "short.txt"
    short.write_text("too short", encoding="utf-8")
    with pytest.raises(GenlabError, match="fewer than one window"):
        text.train(run=run, corpus=short, epochs=1, overwrite=True, **TINY)
    assert load_checkpoint(run / "model.keras")[1]["seed"] == 1
    assert (run / "samples.txt").exists() and _epochs_in_history(run) == ["1"]


def test_resume_and_overwrite_together_are_refused(tmp_path, capsys):
    with pytest.raises(GenlabError, match="choose one"):
        text.train(run=tmp_path / "run", resume=True, overwrite=True, **QUIET)
    for technique in ("text", "vae", "gan"):
        assert main([technique, "train", "--run", str(tmp_path / "run"), "--resume", "--overwrite"]) == 2
    painting = tmp_path / "painting.png"
    Image.new("RGB", (8, 8)).save(painting)
    assert main(["style", "train-fast", str(painting), "--run", str(tmp_path / "run"), "--resume", "--overwrite"]) == 2
    assert capsys.readouterr().err.count("not allowed with argument --resume") == 4
    assert not (tmp_path / "run").exists()


def test_clearing_a_run_beside_a_named_checkpoint_removes_only_its_files(tmp_path):
    names = ["painting.keras", "painting-history.csv", "painting-curves.png", "painting-samples.txt",
             "painting.jpg", "other-history.csv"]
    for name in names:
        (tmp_path / name).write_text("x")
    (tmp_path / "painting-tensorboard").mkdir()
    clear_run(tmp_path / "painting.keras")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["other-history.csv", "painting.jpg"]
