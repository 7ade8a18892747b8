"""A trained DCGAN from whatever names one: a run folder, a ``.keras`` file, or the model itself."""

from genlab.gan.model import DCGAN
from genlab.training.records import RECORDS
from genlab.training.runs import load_trained
from genlab.types import PathLike


def load(source: DCGAN | PathLike) -> DCGAN:
    """The DCGAN saved by :func:`genlab.gan.train` in ``source`` (its run folder or ``model.keras``); a DCGAN
    already loaded is returned as it is."""
    return load_run(source)[0]


def load_run(source: DCGAN | PathLike) -> tuple[DCGAN, dict | None]:
    """(DCGAN, the run's record) from ``source``; the record is None for a DCGAN already loaded."""
    return load_trained(source, DCGAN, "GAN", RECORDS["gan"])
