"""genlab: generative deep learning, end to end, offline on a CPU.

Importing genlab picks the Keras backend (``KERAS_BACKEND``, else the first of TensorFlow, JAX and PyTorch
installed), quietens TensorFlow's start-up chatter and gives TensorFlow's CPU tensors a pool allocator; nothing
heavy is imported until a technique is used.

TensorFlow's default CPU allocator hands each tensor to malloc, and glibc maps every block above its mmap
threshold (at most 32 MB) afresh and faults its pages in again: a DeepDream of a 1200×800 photo took about 4
million page faults; with ``TF_CPU_ALLOCATOR_USE_BFC`` TensorFlow keeps the memory it frees in its own pool,
as it does on a GPU, and the same dream takes 28 % less CPU (BENCHMARKS.md, "DeepDream next to keras-io's own
recipe"). Both settings yield to the user's own.
"""

import os

from genlab.backend_install import choose_backend

choose_backend()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_CPU_ALLOCATOR_USE_BFC", "true")

__version__ = "0.1.0"

from genlab.environment import info  # noqa: E402  (after the backend is chosen)
