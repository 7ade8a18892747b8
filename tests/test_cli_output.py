"""What the command line prints: plain lines in a log, the result alone with --quiet, JSON with --json."""

import json
import subprocess
import sys

import pytest

from conftest import run_cli
from genlab.cli import main
from genlab.cli.presets import flattened_presets
from genlab.gan.presets import PRESETS as GAN_PRESETS
from genlab.text.presets import PRESETS as TEXT_PRESETS
from genlab.vae.presets import PRESETS as VAE_PRESETS

TINY_MODEL = ["--units", 8, "--context", 10, "--batch-size", 4, "--steps-per-epoch", 2, "--sample-length", 5,
              "--temperature", "1", "--seed", 1]
CONTROL = ("\x1b", "\r", "\b")


def test_a_redirected_training_log_is_plain_and_json_and_quiet_give_the_result_alone(tmp_path, tiny_corpus, capsys):
    run = tmp_path / "run"
    assert main(["text", "train", "--run", str(run), "--corpus", str(tiny_corpus), "--epochs", "1",
                 *map(str, TINY_MODEL), "--json"]) == 0
    first = capsys.readouterr()
    assert len(first.out.splitlines()) == 1
    record = json.loads(first.out)
    assert record["step"] == 2 and record["model"] == str(run / "model.keras") and "loss" in record["last_epoch"]
    assert "stopped (1 epoch done)" in first.err and "saved " in first.err and "bits/char" in first.err

    piped = run_cli("text", "train", "--run", run, "--resume", "--epochs", 2)
    assert piped.returncode == 0, piped.stderr
    assert not [code for code in CONTROL if code in piped.stdout + piped.stderr]
    lines = piped.stdout.splitlines()
    assert lines[-1] == f"saved {run / 'model.keras'}" and lines[-2].startswith("stopped (2 epochs done)")
    epoch = next(line for line in lines if line.startswith("epoch 2/2"))
    assert "bits/char" in epoch and "loss" not in epoch  # one unit everywhere: bits per character

    assert main(["-q", "text", "train", "--run", str(run), "--resume", "--epochs", "3"]) == 0
    assert capsys.readouterr() == (f"saved {run / 'model.keras'}\n", "")
    generate = ["text", "generate", str(run), "--prompt", "the", "--length", "5", "--seed", "2"]
    assert main([*generate, "-q"]) == 0
    quiet = capsys.readouterr()
    assert quiet.err == "" and quiet.out.startswith("the")
    assert main([*generate, "-o", str(tmp_path / "t.txt")]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / 't.txt'}\n"
    assert (tmp_path / "t.txt").read_text() == quiet.out


@pytest.mark.parametrize("technique, table", [("text", TEXT_PRESETS), ("vae", VAE_PRESETS), ("gan", GAN_PRESETS)])
def test_presets_show_what_each_preset_sets(technique, table, capsys):
    assert main([technique, "presets", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == dict(flattened_presets(table))
    assert main([technique, "presets"]) == 0
    printed = capsys.readouterr().out
    for name, settings in shown.items():
        assert f"\n{name}\n" in f"\n{printed}"
        for setting in settings:
            assert f"  {setting} " in printed


def test_nested_presets_are_named_by_their_levels():
    flat = dict(flattened_presets(TEXT_PRESETS))
    assert set(flat) == {"char book", "char cpu", "word book"}
    assert flat["char book"]["model.units"] == 128 and flat["char book"]["learning_rate"] == 0.01


def test_assets_list_has_json_too(capsys):
    assert main(["assets", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert "shakespeare" in [asset["name"] for asset in listed["assets"]] and listed["cache"]


def test_verbose_shows_the_options_and_an_error_s_traceback_quiet_still_shows_the_error(tmp_path, capsys):
    empty = tmp_path / "empty.keras"
    empty.write_bytes(b"")
    assert main(["text", "generate", str(empty)]) == 2
    plain = capsys.readouterr().err.splitlines()
    assert len(plain) == 1 and plain[0].startswith("genlab: error: ")
    assert main(["-q", "text", "generate", str(empty)]) == 2
    assert capsys.readouterr().err.splitlines() == plain
    assert main(["text", "generate", str(empty), "--verbose"]) == 2
    verbose = capsys.readouterr().err
    assert "verbosity=verbose" in verbose and "Traceback" in verbose and verbose.splitlines()[-1] == plain[0]


def test_a_reader_that_goes_away_ends_the_command_without_a_traceback():
    reader = subprocess.Popen([sys.executable, "-m", "genlab", "assets", "list"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    reader.stdout.close()
    assert reader.wait(timeout=120) == 141
    assert reader.stderr.read() == b""


def test_gan_evaluate_prints_its_scores_as_json(tmp_path, capsys, monkeypatch):
    import numpy as np

    import genlab.gan

    scores = {"fid": np.float64(15.25), "kid": np.float32(0.01), "kid_std": 0.002, "generated": 10, "real": 10,
              "features": "MobileNetV2 pool, 128 px"}
    monkeypatch.setattr(genlab.gan, "evaluate", lambda *args, **kwargs: scores)
    model = tmp_path / "model.keras"
    model.write_bytes(b"")
    assert main(["gan", "evaluate", str(model), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == pytest.approx({**scores, "kid": 0.01})
    assert main(["gan", "evaluate", str(model)]) == 0
    assert capsys.readouterr().out.startswith("FID 15.25 · KID 0.0100 ± 0.0020")
