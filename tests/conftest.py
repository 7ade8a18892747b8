import io
import json
import os
import pickle
import subprocess
import sys
import tarfile

import numpy as np
import pytest
from PIL import Image

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

WORDS = ("the king and the queen walk to the castle . a ghost appears at night , and the prince "
         "speaks to it . the night is cold ; the guards are afraid of the ghost .").split()


#: The longest test files (minutes each on 2 cores), started first, so that the two workers of run-tests.sh
#: (one file each at a time) do not end with one of them running a long file alone.
LONGEST_FIRST = ("test_readme.py", "test_distribution.py", "test_backends.py", "test_distribution_processes.py")


def pytest_collection_modifyitems(items):
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


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


#: Child-process environments for JAX with two virtual CPU devices, and with one.
TWO_DEVICES = {"KERAS_BACKEND": "jax", "XLA_FLAGS": "--xla_force_host_platform_device_count=2"}
ONE_DEVICE = {"KERAS_BACKEND": "jax", "XLA_FLAGS": ""}
needs_jax = pytest.mark.skipif(__import__("importlib").util.find_spec("jax") is None, reason="jax is not installed")


def one_line_error(capsys, *argv):
    """Run ``genlab ARGV`` in this process: it must exit with 2 and write exactly one line to stderr, the
    error; return that line."""
    from genlab.cli import main

    assert main([str(arg) for arg in argv]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("genlab: error: "), lines
    return lines[0]


def run_in_one_child(commands, env=None, timeout=600):
    """Run the genlab command lines ``commands`` (lists of arguments) one after another in one child Python
    with ``env`` added to its environment (tests/commands_in_one_process.py); return, for each, a dictionary of
    its exit ``code``, ``stdout`` and ``stderr``. A child that fails outside the commands fails the test."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "commands_in_one_process.py")
    argv = json.dumps([[str(arg) for arg in command] for command in commands])
    child = subprocess.run([sys.executable, script, argv], capture_output=True, text=True, timeout=timeout,
                           env=child_environment(env or {}))
    assert child.returncode == 0, child.stderr[-3000:]
    return json.loads(child.stdout.strip().splitlines()[-1])


def child_environment(extra):
    """This environment plus ``extra``, with genlab's source importable (for a script run as a child)."""
    source = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")])),
            **extra}


def needs_asset(name):
    """Mark a test as needing a cached asset, skipped with the command that fetches it when it is absent."""
    from genlab import assets

    skip = pytest.mark.skipif(not assets.is_cached(name),
                              reason=f"asset {name} is not cached; run `genlab assets fetch {name}`")
    return lambda test: pytest.mark.assets(skip(test))


CIFAR_PER_BATCH = 4


def cifar_images(batch_index):
    """Distinct, recognisable (N, 32, 32, 3) uint8 images for one batch."""
    rng = np.random.default_rng(batch_index)
    return rng.integers(0, 256, size=(CIFAR_PER_BATCH, 32, 32, 3), dtype=np.uint8)


def cifar_batch(batch_index):
    images = cifar_images(batch_index)
    return {"batch_label": f"batch {batch_index}",
            "data": images.transpose(0, 3, 1, 2).reshape(CIFAR_PER_BATCH, 3072),  # red plane, green, blue
            "labels": [(batch_index + i) % 10 for i in range(CIFAR_PER_BATCH)]}


def write_cifar(path, batches):
    with tarfile.open(path, "w:gz") as archive:
        for name, payload in batches.items():
            data = pickle.dumps(payload, protocol=4)
            member = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return path


def write_fake_cifar(path):
    """A CIFAR-10 python tarball of 5 × 4 random training images (labels 1 to 8) and 4 test images."""
    batches = {f"data_batch_{i}": cifar_batch(i) for i in range(1, 6)}
    batches["test_batch"] = cifar_batch(0)
    return write_cifar(path, batches)


@pytest.fixture(scope="session")
def square_images(tmp_path_factory):
    """Sixteen 16×16 colour images of a bright square on dark ground."""
    return write_squares(tmp_path_factory.mktemp("squares"), 16, 16)


@pytest.fixture(scope="session")
def tiny_runs(square_images, tmp_path_factory, tiny_text):
    """A folder of runs, one per technique (in a folder named after it), each made by its own trainer in a
    step or two (fast style: by hand, to leave VGG16 out)."""
    from genlab import diffusion, gan, text, vae
    from genlab.style.fast import build_trainer
    from genlab.training.checkpoint import save_checkpoint
    from genlab.training.record import check_record
    from genlab.training.records import RECORDS

    def quiet(*_):
        pass

    root = tmp_path_factory.mktemp("runs")
    images = square_images
    vae.train(run=root / "vae", data=images, image_size=8, channels=1, batch_size=8, epochs=1, seed=1, report=quiet)
    gan.train(run=root / "gan", data=images, image_size=16, steps=1, steps_per_epoch=1, latent_dim=4, batch_size=4,
              grid_size=4, seed=1, report=quiet)
    diffusion.train(run=root / "diffusion", data=images, image_size=16, steps=1, steps_per_epoch=1, widths=[4, 8],
                    block_depth=1, batch_size=4, sampling_steps=2, grid_size=4, seed=1, report=quiet)
    corpus = root / "corpus.txt"
    corpus.write_text(tiny_text, encoding="utf-8")
    text.train(run=root / "text", corpus=str(corpus), preset="book", units=8, context=8, batch_size=4, epochs=1,
               steps_per_epoch=1, sample_length=2, seed=1, report=quiet)
    state = {"style": "painting.png", "images": None, "crop": 16, "batch_size": 1, "weights": [1.0, 5.0, 0.01],
             "style_size": 16, "precision": "float32", "seed": 1, "step": 0, "history": []}
    check_record("the fast style record", state, RECORDS["style"])
    (root / "style").mkdir()
    save_checkpoint(build_trainer(width=4, residual_blocks=1), root / "style" / "model.keras", state)
    return root


@pytest.fixture(scope="session")
def studio_runs(tiny_runs, tmp_path_factory):
    """``tiny_runs`` and a VAE that takes MNIST-shaped images (``digits-vae``), whose latent plane the studio
    can draw over MNIST's test digits."""
    import shutil

    from genlab import vae

    root = tmp_path_factory.mktemp("studio-runs")
    shutil.copytree(tiny_runs, root, dirs_exist_ok=True)
    squares = write_squares(tmp_path_factory.mktemp("squares-28"), 16, 28, square=12)
    vae.train(run=root / "digits-vae", data=squares, image_size=28, channels=1, batch_size=8, epochs=1, seed=1,
              report=lambda *_: None)
    return root
