"""A run as it lies on disk: a run folder holding ``model.keras``, or a checkpoint file of its own (a fast style
network, ``painting.keras``). It is read and checked whole, without loading the model, so that listing many
runs stays quick."""

import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from genlab.errors import GenlabError
from genlab.training.archive_checks import read_checked
from genlab.training.record import check_record
from genlab.training.records import RECORDS
from genlab.training.layout import CHECKPOINT

#: The genlab class a checkpoint's model is → the technique (whose schema in ``RECORDS`` its run record fits).
TECHNIQUES = {
    "genlab>VAE": "vae",
    "genlab>DCGAN": "gan",
    "genlab>DiffusionModel": "diffusion",
    "genlab>CharRNN": "text",
    "genlab>TransformerLM": "text",
    "genlab>FastStyleTrainer": "style",
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
    technique = TECHNIQUES.get(_registered_name(checkpoint))
    if not record or technique is None:
        raise GenlabError(f"{path} is a Keras model, not a genlab training run")
    check_record(checkpoint, record, RECORDS[technique])
    return Run(path, checkpoint, technique, record, datetime.fromtimestamp(checkpoint.stat().st_mtime))


def _registered_name(checkpoint):
    """The name Keras registered the checkpoint's model class under (``genlab>VAE``), from its config."""
    with zipfile.ZipFile(checkpoint) as archive:
        config = json.loads(archive.read("config.json"))
    return config.get("registered_name") or config.get("class_name")
