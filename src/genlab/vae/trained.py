"""A trained VAE from whatever names one: a run folder, a ``.keras`` file, or the model itself."""

from genlab.training.records import RECORDS
from genlab.training.runs import load_trained
from genlab.types import PathLike
from genlab.vae.model import VAE


def load(source: VAE | PathLike) -> VAE:
    """The VAE saved by :func:`genlab.vae.train` in ``source`` (its run folder or ``model.keras``); a VAE
    already loaded is returned as it is."""
    return load_trained(source, VAE, "VAE", RECORDS["vae"])[0]
