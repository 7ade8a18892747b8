"""genlab: generative deep learning, end to end, offline on a CPU.

Importing genlab picks the Keras backend (``KERAS_BACKEND``, else the first of TensorFlow, JAX and PyTorch
installed) and quietens TensorFlow's start-up chatter; nothing heavy is imported until a technique is used.
"""

import os

from genlab.backend_install import choose_backend

choose_backend()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

__version__ = "0.1.0"

from genlab.environment import info  # noqa: E402  (after the backend is chosen)
