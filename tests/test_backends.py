"""Smoke tests: genlab's text pipeline trains, resumes and generates on every Keras backend installed."""

import importlib.util

import pytest

from conftest import run_cli


@pytest.mark.slow
@pytest.mark.parametrize("backend, module", [("tensorflow", "tensorflow"), ("jax", "jax"), ("torch", "torch")])
@pytest.mark.parametrize("architecture", ["rnn", "transformer"])
def test_train_resume_and_generate(tmp_path, tiny_corpus, backend, module, architecture):
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    env = {"KERAS_BACKEND": backend}
    options = ["--run", tmp_path, "--corpus", tiny_corpus, "--architecture", architecture, "--context", 16,
               "--batch-size", 8, "--steps-per-epoch", 3, "--sample-length", 10, "--seed", 1]
    small = ["--units", 16] if architecture == "rnn" else ["--embed-dim", 16, "--ff-dim", 32, "--heads", 2]
    first = run_cli("text", "train", *options, *small, "--epochs", 1, env=env)
    assert first.returncode == 0, first.stderr
    assert "held-out" in first.stdout
    resumed = run_cli("text", "train", "--run", tmp_path, "--resume", "--epochs", 2, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming" in resumed.stdout and "step 6" in resumed.stdout
    generated = run_cli("text", "generate", tmp_path / "model.keras", "--prompt", "the king", "--length", 40,
                        "--seed", 3, env=env)
    assert generated.returncode == 0, generated.stderr
    assert generated.stdout.startswith("the king") and len(generated.stdout) == len("the king") + 40 + 1
