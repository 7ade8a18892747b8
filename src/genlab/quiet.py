"""Keeping what C libraries print to standard error away from the user.

TensorFlow prints "oneDNN custom operations are on…" and similar lines from C++ before its logging is set up,
and libtiff prints its warnings and errors itself, so no Python setting silences them: only pointing file
descriptor 2 somewhere else while they run does. Python exceptions still propagate normally.
"""

import os
import sys
from contextlib import contextmanager


@contextmanager
def stderr_redirected(fd):
    """Point file descriptor 2 at ``fd`` inside the block, and back at the real standard error after it."""
    sys.stderr.flush()
    saved = os.dup(2)
    os.dup2(fd, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@contextmanager
def stderr_silenced():
    """Discard what C libraries print to standard error inside the block."""
    with open(os.devnull, "wb") as devnull, stderr_redirected(devnull.fileno()):
        yield


def import_keras_quietly():
    with stderr_silenced():
        import keras  # noqa: F401
