"""Backends are extras: genlab's install never replaces the user's backend, and without one every command
says in one line which extra to install."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
BACKENDS = ("tensorflow", "jax", "torch")


def genlab_without_backends(*args, keras_backend=None, hidden=BACKENDS):
    """``genlab ARGS`` in a child process where the ``hidden`` backends cannot be imported."""
    environ = {key: value for key, value in os.environ.items() if key != "KERAS_BACKEND"}
    if keras_backend:
        environ["KERAS_BACKEND"] = keras_backend
    code = (f"import sys; sys.modules.update(dict.fromkeys({hidden!r})); "
            f"from genlab.cli import main; raise SystemExit(main({list(args)!r}))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=environ)


@pytest.mark.parametrize("args", [["text", "train"], ["info"], ["assets", "list"]])
def test_without_any_backend_every_command_names_the_extra_to_install(args):
    result = genlab_without_backends(*args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == ("genlab: error: no Keras backend is installed: pip install 'genlab[tensorflow]' "
                                     "(CPU), or one of the extras jax, torch, tensorflow-cuda, jax-cuda")


def test_a_backend_asked_for_but_not_installed_names_its_extra():
    result = genlab_without_backends("info", keras_backend="jax", hidden=("jax",))
    assert result.returncode == 2 and "pip install 'genlab[jax]'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _pypi_reachable():
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
        return True
    except OSError:
        return False


@pytest.mark.slow
def test_installing_genlab_keeps_the_backend_already_there(tmp_path):
    if not _pypi_reachable():
        pytest.skip("PyPI cannot be reached from here")
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True, timeout=120)

    def pip(*args):
        return subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args], capture_output=True,
                              text=True, timeout=600, check=True).stdout

    pip("install", "--quiet", "jax")
    before = pip("list", "--format=freeze")
    pip("install", "--quiet", str(ROOT))
    after = dict(line.split("==") for line in pip("list", "--format=freeze").split())
    assert not {"tensorflow", "tensorflow-cpu", "torch"} & set(after)
    assert {f"{name}=={version}" for name, version in after.items() if name in ("jax", "jaxlib")} <= set(before.split())
    environ = {key: value for key, value in os.environ.items() if key not in ("KERAS_BACKEND", "PYTHONPATH")}
    info = subprocess.run([str(tmp_path / "venv" / "bin" / "genlab"), "info"], capture_output=True, text=True,
                          timeout=300, env=environ)
    assert info.returncode == 0 and info.stdout.startswith("backend   jax"), info.stderr
