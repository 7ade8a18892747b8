"""Which Keras backend genlab runs on, chosen and checked before Keras is imported.

Backends are extras of the genlab package (``pip install 'genlab[jax]'``), so that installing genlab never
replaces a TensorFlow, JAX or PyTorch that is already there. ``KERAS_BACKEND`` wins when set; otherwise the
first of TensorFlow, JAX and PyTorch that is installed.
"""

import importlib.util
import os

from genlab.errors import GenlabError

#: Keras backend → (the module it imports, the genlab extra that installs it).
BACKENDS = {"tensorflow": ("tensorflow", "tensorflow"), "jax": ("jax", "jax"), "torch": ("torch", "torch")}
OTHER_BACKENDS = ("numpy", "openvino")  # Keras backends genlab does not install, left to the user


def choose_backend(environ=os.environ):
    """Set ``KERAS_BACKEND`` in ``environ`` to the first backend installed, unless it is set already."""
    if "KERAS_BACKEND" not in environ:
        environ["KERAS_BACKEND"] = next((name for name, (module, _) in BACKENDS.items() if _installed(module)),
                                        "tensorflow")


def require_backend(environ=os.environ):
    """Refuse, in one line naming the extra to install, a ``KERAS_BACKEND`` whose module is not installed."""
    name = environ.get("KERAS_BACKEND", "tensorflow")
    if name in OTHER_BACKENDS:
        return
    if name not in BACKENDS:
        raise GenlabError(f"KERAS_BACKEND is {name!r}, not a Keras backend genlab knows: use one of "
                          f"{', '.join(BACKENDS)}")
    module, extra = BACKENDS[name]
    if _installed(module):
        return
    if not any(_installed(other) for other, _ in BACKENDS.values()):
        raise GenlabError("no Keras backend is installed: pip install 'genlab[tensorflow]' (CPU), or one of the "
                          "extras jax, torch, tensorflow-cuda, jax-cuda")
    raise GenlabError(f"KERAS_BACKEND is {name} but {module} is not installed: pip install 'genlab[{extra}]', or "
                      "unset KERAS_BACKEND to use the backend that is installed")


def _installed(module):
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a broken or half-removed installation
        return False
