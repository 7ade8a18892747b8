"""The studio's Runs tab, called from Python: the table of runs, a run's settings, curves and latest samples,
and a training started from the page that a Stop ends as Ctrl-C does, with its checkpoint saved."""

import signal
import time

import pytest

from genlab.errors import GenlabError
from genlab.studio.runs_folder import RunsFolder
from genlab.studio.runs_tab import COLUMNS, run_table, run_view
from genlab.studio.trainings import Training

from conftest import needs_asset


def test_every_run_has_a_row_and_a_view(tiny_runs):
    folder = RunsFolder(tiny_runs)
    rows = {row[0]: dict(zip(COLUMNS, row)) for row in run_table(folder.summaries())}
    assert {name: row["technique"] for name, row in rows.items()} == {
        "text": "text", "vae": "vae", "gan": "gan", "diffusion": "diffusion", "style": "style"}
    assert rows["gan"]["steps"] == 1
    settings, curves, picture, text = run_view(folder, "gan")
    assert settings["seed"] == 1 and "history" not in settings
    assert curves.endswith("curves.png") and picture.endswith("samples/latest.png") and text == ""
    settings, _, picture, text = run_view(folder, "text")
    assert picture is None and text  # a language model's samples are text
    assert run_view(folder, None) == ({}, None, None, "")
    with pytest.raises(GenlabError, match="not a run in the studio's runs folder"):
        run_view(folder, "../gan")


@pytest.mark.parametrize("technique, name, minutes, problem", [
    ("vae", "../outside", 1, "a run name is letters"),
    ("vae", "a/b", 1, "a run name is letters"),
    ("style", "fast", 1, "the studio trains text, vae, gan, diffusion"),
    ("vae", "fine", 0, "minutes above 0"),
])
def test_what_the_page_may_train_is_checked_first(tmp_path, technique, name, minutes, problem):
    with pytest.raises(GenlabError, match=problem):
        Training(tmp_path).start(technique, name, minutes)
    assert not list(tmp_path.iterdir())


@needs_asset("mnist")
def test_a_training_started_from_the_page_stops_as_ctrl_c_does(tmp_path):
    training = Training(tmp_path)
    training.start("vae", "studio-vae", 5, seed=1)
    with pytest.raises(GenlabError, match="studio-vae is still training: stop it first"):
        training.start("vae", "other", 1)
    deadline = time.monotonic() + 120
    while "\nepoch 1 · step" not in training.status()[1] and time.monotonic() < deadline:  # a line in mid-epoch
        time.sleep(0.5)
    training.stop()
    status, log = training.status()
    assert status == "studio-vae: stopped, checkpoint saved", (status, log)
    assert (tmp_path / "studio-vae" / "model.keras").is_file()
    assert [name for name, _ in RunsFolder(tmp_path).summaries()] == ["studio-vae"]


def test_a_training_stopped_before_its_first_step_says_nothing_was_saved(tmp_path):
    # pytest-xdist's workers ignore SIGINT, and a child inherits that until genlab trains: give it a terminal's
    ignored = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        training = Training(tmp_path)
        training.start("vae", "early", 5)
        training.stop()  # while Python is still starting
    finally:
        signal.signal(signal.SIGINT, ignored)
    assert training.status()[0] == "early: stopped before its first step, nothing saved"
    assert not (tmp_path / "early" / "model.keras").exists()
