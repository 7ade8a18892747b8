"""A trained language model from whatever names one: a run folder, a ``.keras`` file, or the model itself."""

from genlab.text.models import CharRNN, LanguageModel, TransformerLM
from genlab.training.records import RECORDS
from genlab.training.runs import load_trained
from genlab.types import PathLike


def load(source: LanguageModel | PathLike) -> LanguageModel:
    """The language model saved by :func:`genlab.text.train` in ``source`` (its run folder or ``model.keras``);
    a model already loaded is returned as it is."""
    return load_trained(source, (CharRNN, TransformerLM), "language model", RECORDS["text"])[0]
