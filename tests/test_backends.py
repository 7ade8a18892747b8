"""Smoke tests: genlab's text pipeline trains, resumes and generates on every Keras backend installed (the three
commands in one child process per backend, tests/text_on_backend.py)."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import child_environment

HERE = Path(__file__).parent


@pytest.mark.slow
@pytest.mark.parametrize("backend, module", [("tensorflow", "tensorflow"), ("jax", "jax"), ("torch", "torch")])
@pytest.mark.parametrize("architecture", ["rnn", "transformer"])
def test_train_resume_and_generate(tmp_path, tiny_corpus, backend, module, architecture):
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    options = ["--corpus", tiny_corpus, "--architecture", architecture, "--context", 16, "--batch-size", 8,
               "--steps-per-epoch", 3, "--sample-length", 10, "--seed", 1]
    small = ["--units", 16] if architecture == "rnn" else ["--embed-dim", 16, "--ff-dim", 32, "--heads", 2]
    child = subprocess.run([sys.executable, str(HERE / "text_on_backend.py"), str(tmp_path), "--",
                            *map(str, options + small)], capture_output=True, text=True, timeout=600,
                           env=child_environment({"KERAS_BACKEND": backend}))
    assert child.returncode == 0, child.stderr[-3000:]
    results = json.loads(child.stdout.strip().splitlines()[-1])
    assert [results[step]["code"] for step in ("first", "resumed", "generated")] == [0, 0, 0], child.stderr[-3000:]
    assert "held-out" in results["first"]["stdout"]
    assert "resuming" in results["resumed"]["stdout"] and "step 6" in results["resumed"]["stdout"]
    generated = results["generated"]["stdout"]
    assert generated.startswith("the king") and len(generated) == len("the king") + 40 + 1
