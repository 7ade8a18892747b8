import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

WORDS = ("the king and the queen walk to the castle . a ghost appears at night , and the prince "
         "speaks to it . the night is cold ; the guards are afraid of the ghost .").split()


@pytest.fixture(scope="session")
def tiny_text():
    """About 20 kB of simple, learnable English made from a fixed vocabulary."""
    rng = np.random.default_rng(0)
    lines = [" ".join(rng.choice(WORDS, size=12)) for _ in range(350)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def tiny_corpus(tmp_path, tiny_text):
    path = tmp_path / "corpus.txt"
    path.write_text(tiny_text, encoding="utf-8")
    return path


def write_squares(folder, count, side, square=8):
    """``count`` side×side colour PNGs in ``folder``: a bright square of a random colour at a random place on
    dark ground."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for index in range(count):
        pixels = np.zeros((side, side, 3), np.uint8)
        top, left = rng.integers(0, side - square, 2)
        pixels[top : top + square, left : left + square] = rng.integers(128, 256, 3)
        Image.fromarray(pixels).save(folder / f"{index:02d}.png")
    return folder


def run_cli(*args, env=None, timeout=300):
    """Run ``python -m genlab ARGS`` in a child process; return the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "genlab", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def needs_asset(name):
    """Mark a test as needing a cached asset, skipped with the command that fetches it when it is absent."""
    from genlab import assets

    skip = pytest.mark.skipif(not assets.is_cached(name),
                              reason=f"asset {name} is not cached; run `genlab assets fetch {name}`")
    return lambda test: pytest.mark.assets(skip(test))
