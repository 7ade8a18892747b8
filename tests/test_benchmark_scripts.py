"""Every benchmark script imports against the current library and says how it is run: a renamed or moved name
in genlab must not leave a BENCHMARKS.md command that fails at its first line."""

import importlib
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
MODULES = sorted(BENCHMARKS.glob("*.py"))
SCRIPTS = [path.stem for path in MODULES if 'if __name__ == "__main__":' in path.read_text()]
PORTS = [path.stem for path in MODULES if path.stem not in SCRIPTS]  # the anchors' code and shared helpers


@pytest.fixture(scope="module", autouse=True)
def benchmarks_importable():
    sys.path.insert(0, str(BENCHMARKS))  # the scripts import each other, as they do when run from there
    yield
    sys.path.remove(str(BENCHMARKS))


@pytest.mark.parametrize("script", SCRIPTS)
def test_benchmark_script_imports_and_documents_its_command(script):
    module = importlib.import_module(script)
    assert callable(getattr(module, "main", None)), f"benchmarks/{script}.py has no main()"
    assert f"{script}.py" in (module.__doc__ or ""), f"benchmarks/{script}.py's docstring does not show its command"


@pytest.mark.parametrize("port", PORTS)
def test_ported_anchor_imports(port):
    assert importlib.import_module(port).__doc__
