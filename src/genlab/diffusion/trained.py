"""A trained diffusion model from whatever names one: a run folder, a ``.keras`` file, or the model itself."""

from genlab.diffusion.model import DiffusionModel
from genlab.training.records import RECORDS
from genlab.training.runs import load_trained
from genlab.types import PathLike


def load(source: DiffusionModel | PathLike) -> DiffusionModel:
    """The diffusion model saved by :func:`genlab.diffusion.train` in ``source`` (its run folder or
    ``model.keras``); a model already loaded is returned as it is."""
    return load_run(source)[0]


def load_run(source: DiffusionModel | PathLike) -> tuple[DiffusionModel, dict | None]:
    """(model, the run's record) from ``source``; the record is None for a model already loaded."""
    return load_trained(source, DiffusionModel, "diffusion model", RECORDS["diffusion"])
