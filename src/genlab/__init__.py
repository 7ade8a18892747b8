"""genlab: generative deep learning, end to end, offline on a CPU.

Importing genlab picks the Keras backend (TensorFlow unless ``KERAS_BACKEND`` says otherwise) and
quietens TensorFlow's start-up chatter; nothing heavy is imported until a technique is used.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

__version__ = "0.1.0"
