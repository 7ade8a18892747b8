"""Import Keras without TensorFlow's C++ start-up banner.

TensorFlow prints "oneDNN custom operations are on…" and similar lines from C++ before its logging is set
up, so no environment variable silences them. The command line imports Keras once with standard error
pointed at /dev/null; Python exceptions still propagate normally.
"""

import os
import sys


def import_keras_quietly():
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        import keras  # noqa: F401
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
