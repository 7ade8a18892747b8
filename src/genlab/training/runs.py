"""Run folders, the same for every trainer: a new run never overwrites an old one unless asked to, a resumed run must be the
kind asked for and continue on the same data, and whatever is loaded is checked whole first."""

import contextlib
import hashlib
import os
from pathlib import Path

import keras

from genlab.backend import reuse_freed_memory
from genlab.errors import GenlabError
from genlab.training.checkpoint import load_checkpoint
from genlab.training.distribution import data_parallel
from genlab.training.lock import run_lock
from genlab.training.layout import CHECKPOINT
from genlab.training.record import check_record
from genlab.training.seeding import resolve_seed
from genlab.types import PathLike

#: How errors name each technique's runs (the techniques of ``genlab.runs.run.TECHNIQUES``).
TECHNIQUE_NAMES = {"text": "text", "vae": "VAE", "gan": "GAN", "diffusion": "diffusion", "style": "fast style"}


def refuse_existing(checkpoint, technique, overwrite=False):
    """A new run must not replace the checkpoint of an earlier one unless asked to (``overwrite``: then the
    trainer's ResumableFit removes the earlier run once the new one is ready to train). The error says what
    the folder holds: advice to resume is only given for a run of the same ``technique`` (a key of
    ``TECHNIQUE_NAMES``)."""
    if overwrite or not checkpoint.exists():
        return
    from genlab.runs.run import open_run

    name = TECHNIQUE_NAMES[technique]
    try:
        held = open_run(checkpoint).technique
    except GenlabError:
        held = None
    if held == technique:
        raise GenlabError(f"{checkpoint.parent} already holds a {name} run: resume it (--resume, resume=True), "
                          "start it over (--overwrite, overwrite=True) or give another run folder")
    what = f"a {TECHNIQUE_NAMES[held]} run" if held else f"a {checkpoint.name} that is not a genlab run"
    raise GenlabError(f"{checkpoint.parent} already holds {what}, not a {name} run: give another run folder, or "
                      "replace it (--overwrite, overwrite=True)")


@contextlib.contextmanager
def training_run(run, resume, overwrite, distribute, report):
    """The frame of every trainer: refuse resume with overwrite, place the training (one device, or
    data-parallel as ``distribute`` asks), hold the run's lock, and yield ``(checkpoint, placement, report)``,
    where ``report`` is silent outside process 0. A training that ends normally says where its run was saved."""
    refuse_resume_and_overwrite(resume, overwrite)
    reuse_freed_memory()  # before the data and the model take their memory
    checkpoint = Path(run) / CHECKPOINT
    with data_parallel(distribute) as placement, placement.lock(run_lock(checkpoint)):
        report = placement.report(report)
        yield checkpoint, placement, report
    report(saved(checkpoint))


def refuse_resume_and_overwrite(resume, overwrite):
    """Resuming a run and starting it over are opposites: asking for both is refused."""
    if resume and overwrite:
        raise GenlabError("resume continues a run and overwrite starts it over: choose one")


def resume_run(checkpoint, model_type, kind, record, report=print, ignored=None):
    """(model, state) of the run in ``checkpoint``, which must hold a ``model_type`` training run (``kind``
    names it in errors) whose state fits the trainer's ``record`` schema; the global seed moves on with the
    step so that a resumed run draws fresh numbers. A resumed run keeps its own settings: any of ``ignored``
    (setting → value asked for) that is set is reported as ignored."""
    if not checkpoint.exists():
        raise GenlabError(f"nothing to resume: {checkpoint} does not exist")
    model, state = load_checkpoint(checkpoint)
    if not isinstance(model, model_type):
        raise GenlabError(f"{checkpoint} is not a genlab {kind} training run")
    check_record(checkpoint, state, record)
    resolve_seed((state["seed"] + state["step"]) % 2**32, announce=report)
    report(f"resuming {checkpoint} at step {state['step']}")
    asked = [name for name, value in (ignored or {}).items() if value is not None]
    if asked:
        report(f"a resumed run keeps its own settings; ignoring {', '.join(asked)}")
    return model, state


def saved(checkpoint):
    """What a trainer says when it ends: where the run is, or that nothing was trained (and so nothing saved)."""
    if checkpoint.exists():
        return f"saved {checkpoint}"
    return f"nothing to train (no epochs or steps asked for): {checkpoint} was not written"


def check_same_data(state, key, data: bytes, what):
    """Record the SHA-256 of the run's training ``data`` in ``state[key]``; refuse to resume on changed data."""
    digest = hashlib.sha256(data).hexdigest()
    if state.get(key, digest) != digest:
        raise GenlabError(f"{what} changed since this run started; resume needs the same data")
    state[key] = digest


def load_trained(source: keras.Model | PathLike, model_type, kind: str, record) -> tuple[keras.Model, dict | None]:
    """(model, the run's record) from ``source``: a run folder or a ``.keras`` file holding a ``model_type``
    whose run record fits the trainer's ``record`` schema, or a ``model_type`` already loaded, whose record is
    then None (a loaded model does not carry its run's). ``kind`` names the model in errors."""
    if isinstance(source, keras.Model):
        if not isinstance(source, model_type):
            raise GenlabError(f"expected a {kind}, but the model given is a {type(source).__name__}")
        return source, None
    if not isinstance(source, (str, os.PathLike)):
        raise GenlabError(f"expected a {kind}: a run folder, a .keras file or a loaded model, "
                          f"not {type(source).__name__}")
    path = Path(source)
    checkpoint = path / CHECKPOINT if path.is_dir() else path
    model, state = load_checkpoint(checkpoint)
    if not isinstance(model, model_type):
        raise GenlabError(f"{path} holds a {type(model).__name__}, not a {kind}")
    check_record(checkpoint, state, record)
    return model, state
