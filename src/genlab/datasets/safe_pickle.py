"""Unpickling untrusted data files that should hold nothing but NumPy arrays, lists, dicts and strings.

``pickle`` runs whatever callables a file names; this unpickler resolves only the few globals NumPy needs to
rebuild a plain array and refuses everything else, so a tampered file fails with a GenlabError instead of
running code.
"""

import pickle
import zlib

import numpy as np

from genlab.errors import GenlabError


def _reconstruct(subtype, shape, dtype):
    """NumPy's array-rebuilding hook, limited to plain ``ndarray`` (no subclasses with their own code)."""
    if subtype is not np.ndarray:
        raise pickle.UnpicklingError("only plain NumPy arrays are allowed")
    return np.ndarray.__new__(np.ndarray, shape, dtype)


class _ArraysOnly(pickle.Unpickler):
    def find_class(self, module, name):
        if module in ("numpy.core.multiarray", "numpy._core.multiarray") and name == "_reconstruct":
            return _reconstruct
        if module == "numpy" and name in ("ndarray", "dtype"):
            return getattr(np, name)
        raise pickle.UnpicklingError(f"it names {module}.{name}, which a data file never needs")


def load_arrays(file, source, encoding="latin1"):
    """Unpickle ``file`` (an open binary file), allowing only NumPy arrays; ``source`` names it in errors."""
    try:
        return _ArraysOnly(file, encoding=encoding).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError,
            OSError, zlib.error) as error:
        raise GenlabError(f"{source} is not a valid data pickle: {error}") from None
