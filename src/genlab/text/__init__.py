"""Text generation: corpora, tokenizers, a char-level RNN and a word-level Transformer, sampling.

    from genlab import text
    text.train(run="runs/plays", corpus="shakespeare", preset="cpu", minutes=10)
    model = text.load("runs/plays/model.keras")
    print(text.generate(model, "ROMEO:", 300, temperatures=[0.5])[0])
"""

from genlab.text.generate import generate
from genlab.text.models import CharRNN, TransformerLM
from genlab.text.prompts import default_prompt
from genlab.text.train import RECORD, train
from genlab.training.runs import load_trained


def load(path):
    """Load a language model saved by :func:`train`: its run folder or the folder's ``model.keras``."""
    return load_trained(path, (CharRNN, TransformerLM), "language model", RECORD)[0]


__all__ = ["default_prompt", "generate", "load", "train"]
