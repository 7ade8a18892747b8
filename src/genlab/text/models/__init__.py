"""Language models: a character-level recurrent network and a decoder-only Transformer."""

from genlab.text.models.char_rnn import CharRNN
from genlab.text.models.language_model import LanguageModel
from genlab.text.models.transformer import TransformerLM

__all__ = ["CharRNN", "LanguageModel", "TransformerLM"]
