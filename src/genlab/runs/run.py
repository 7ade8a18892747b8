"""A run as it lies on disk: a run folder holding ``model.keras``, or a checkpoint file of its own (a fast style
network, ``painting.keras``). It is read and checked whole, without loading the model, so that listing many
runs stays quick."""

import importlib
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from genlab.errors import GenlabError
from genlab.training.archive_checks import read_checked
from genlab.training.record import check_record
from genlab.training.layout import CHECKPOINT

#: The genlab class a checkpoint's model is → (the technique, the module whose ``RECORD`` its run record fits).
TECHNIQUES = {
    "genlab>VAE": ("vae", "genlab.vae.record"),
    "genlab>DCGAN": ("gan", "genlab.gan.record"),
    "genlab>DiffusionModel": ("diffusion", "genlab.diffusion.record"),
    "genlab>CharRNN": ("text", "genlab.text.record"),
    "genlab>TransformerLM": ("text", "genlab.text.record"),
    "genlab>FastStyleTrainer": ("style", "genlab.style.fast"),
}


@dataclass(frozen=True)
class Run:
    """One training run: where it is, which technique trained it, and its run record (settings, seed, the
    global ``step``, wall-clock ``seconds``, and ``history``: one dictionary of figures per epoch)."""

    path: Path
    checkpoint: Path
    technique: str
    record: dict
    modified: datetime

    @property
    def history(self) -> list[dict]:
        return self.record["history"]


def checkpoint_of(path: Path) -> Path:
    """The checkpoint of the run at ``path``: a folder's ``model.keras``, or ``path`` itself."""
    return path / CHECKPOINT if path.is_dir() else path


def open_run(path) -> Run:
    """The run at ``path`` (a run folder or a ``.keras`` checkpoint), checked whole; anything else is a
    GenlabError that says what it is instead."""
    path = Path(path)
    checkpoint = checkpoint_of(path)
    if not path.exists():
        raise GenlabError(f"no such run: {path}")
    if path.is_dir() and not checkpoint.is_file():
        raise GenlabError(f"{path} is not a genlab run: it has no {CHECKPOINT}")
    if checkpoint.suffix != ".keras":
        raise GenlabError(f"{path} is not a genlab run: give a run folder or its .keras checkpoint")
    record, _ = read_checked(checkpoint)
    kind = TECHNIQUES.get(_registered_name(checkpoint))
    if not record or kind is None:
        raise GenlabError(f"{path} is a Keras model, not a genlab training run")
    technique, module = kind
    check_record(checkpoint, record, importlib.import_module(module).RECORD)
    return Run(path, checkpoint, technique, record, datetime.fromtimestamp(checkpoint.stat().st_mtime))


def _registered_name(checkpoint):
    """The name Keras registered the checkpoint's model class under (``genlab>VAE``), from its config."""
    with zipfile.ZipFile(checkpoint) as archive:
        config = json.loads(archive.read("config.json"))
    return config.get("registered_name") or config.get("class_name")
