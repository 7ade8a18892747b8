"""Text generation: corpora, tokenizers, a char-level RNN and a word-level Transformer, sampling.

    from genlab import text
    text.train(run="runs/plays", corpus="shakespeare", preset="cpu", minutes=10)
    model = text.load("runs/plays/model.keras")
    print(text.generate(model, "ROMEO:", 300, temperatures=[0.5])[0])
"""

from genlab.errors import GenlabError
from genlab.text.generate import generate
from genlab.text.train import train
from genlab.training.checkpoint import load_checkpoint


def load(path):
    """Load a language model saved by :func:`train`."""
    model, _ = load_checkpoint(path)
    if not hasattr(model, "tokenizer"):
        raise GenlabError(f"{path} is a genlab model, but not a language model")
    return model


__all__ = ["generate", "load", "train"]
