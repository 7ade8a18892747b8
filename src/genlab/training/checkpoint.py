"""Single-file, atomic checkpoints.

A checkpoint is a Keras ``.keras`` archive (architecture, weights, optimizer state) with one extra member,
``genlab_state.json``, holding the trainer's own state (step, epoch, seed, history…), and one more,
``genlab_random.json``, holding the states of the model's random-number generators (dropout masks, latent
noise), which Keras does not save, so that a resumed run draws the numbers it would have drawn. Keeping all in one file
means a crash can never pair the weights of one step with the bookkeeping of another. The archive is written
to a temporary file in the same folder, flushed to disk, then renamed over the old one, so a ``kill -9`` at any
moment leaves either the previous checkpoint or the new one, never half of one.
"""

import importlib
import json
import os
import tempfile
import zipfile
from pathlib import Path

import keras
import numpy as np

from genlab.errors import GenlabError, first_line
from genlab.training.archive_checks import RANDOM_MEMBER, REMEDY, STATE_MEMBER, read_checked
from genlab.types import PathLike


def save_checkpoint(model: keras.Model, path: PathLike, state: dict) -> None:
    """Atomically write ``model`` (with its optimizer) and the JSON-able ``state`` to ``path``."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".keras", dir=path.parent)
        os.close(handle)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it owner-only; a checkpoint is an ordinary file
        model.save(tmp)
        with zipfile.ZipFile(tmp, "a") as archive:
            archive.writestr(STATE_MEMBER, json.dumps(state, indent=1))
            archive.writestr(RANDOM_MEMBER, json.dumps([np.asarray(v).tolist() for v in _random_states(model)]))
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except OSError as error:
        raise GenlabError(f"cannot write the checkpoint {path}: {error.strerror or error}") from None
    finally:
        if tmp and os.path.exists(tmp):
            os.remove(tmp)


def load_checkpoint(path: PathLike) -> tuple[keras.Model, dict]:
    """Load a model saved by genlab; return ``(model, state)``.

    The whole file is checked first (see ``archive_checks``): anything that is not an intact genlab or Keras
    ``.keras`` file (missing, empty, truncated, damaged, foreign, hostile) is a GenlabError.
    """
    path = Path(path)
    state, random_states = read_checked(path)
    _register_genlab_models()
    try:
        model = keras.saving.load_model(path, safe_mode=True)
    except Exception as error:  # Keras raises many types for foreign or damaged archives.
        raise GenlabError(f"cannot load {path}: {first_line(error)}") from None
    _restore_random_states(path, model, random_states)
    return model, state


def _restore_random_states(path, model, saved):
    """Put back the random generators' states; a file without them (a plain Keras model) keeps fresh ones."""
    if saved is None:
        return
    variables = _random_states(model)
    try:
        values = [np.asarray(value, dtype=variable.dtype) for value, variable in zip(saved, variables)]
    except (TypeError, ValueError, OverflowError):  # not numbers, ragged, or out of the variable's range
        values = None
    if values is None or len(saved) != len(variables) or any(
            value.shape != tuple(variable.shape) for value, variable in zip(values, variables)):
        raise GenlabError(f"{path} is damaged (its member {RANDOM_MEMBER!r} does not fit the model's random "
                          f"generators): {REMEDY}")
    for variable, value in zip(variables, values):
        variable.assign(value)


def _random_states(model):
    """The state variables of the model's random generators, in the model's (deterministic) variable order."""
    return [variable for variable in model.variables if variable.path.endswith("seed_generator_state")]


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


MODEL_MODULES = ("genlab.text.models", "genlab.style.fast", "genlab.vae.model", "genlab.gan.model", "genlab.gan.optimizer",
                 "genlab.training.optimizers")


def _register_genlab_models():
    """Import the modules whose Keras classes a genlab checkpoint may name, so deserialisation finds them."""
    for module in MODEL_MODULES:
        importlib.import_module(module)
