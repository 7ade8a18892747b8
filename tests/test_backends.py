"""Smoke tests: genlab's text pipeline trains, resumes and generates on every Keras backend installed (the three
commands in one child process per backend)."""

import importlib.util

import pytest

from conftest import run_in_one_child


@pytest.mark.slow
@pytest.mark.parametrize("backend, module", [("tensorflow", "tensorflow"), ("jax", "jax"), ("torch", "torch")])
@pytest.mark.parametrize("architecture", ["rnn", "transformer"])
def test_train_resume_and_generate(tmp_path, tiny_corpus, backend, module, architecture):
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    options = ["--run", tmp_path, "--corpus", tiny_corpus, "--architecture", architecture, "--context", 16,
               "--batch-size", 8, "--steps-per-epoch", 3, "--sample-length", 10, "--seed", 1]
    small = ["--units", 16] if architecture == "rnn" else ["--embed-dim", 16, "--ff-dim", 32, "--heads", 2]
    first, resumed, generated = run_in_one_child([
        ["text", "train", *options, *small, "--epochs", 1],
        ["text", "train", "--run", tmp_path, "--resume", "--epochs", 2],
        ["text", "generate", tmp_path / "model.keras", "--prompt", "the king", "--length", 40, "--seed", 3],
    ], env={"KERAS_BACKEND": backend})
    assert [first["code"], resumed["code"], generated["code"]] == [0, 0, 0], (first, resumed, generated)
    assert "held-out" in first["stdout"]
    assert "resuming" in resumed["stdout"] and "step 6" in resumed["stdout"]
    assert generated["stdout"].startswith("the king") and len(generated["stdout"]) == len("the king") + 40 + 1
