"""What every genlab language model offers: its tokenizer, a config, and an incremental step.

``call(tokens)`` scores a whole sequence (training). ``initial_state``/``step`` score one token at a time and
carry whatever the model needs (LSTM states, attention key/value caches), so that generation costs one step per
new token instead of re-running the whole window.
"""

import keras

from genlab.text.tokenizers import tokenizer_from_config


class LanguageModel(keras.Model):
    #: The longest context the model can attend to, or None when it has no limit (recurrent models).
    max_positions = None

    def __init__(self, tokenizer, **kwargs):
        super().__init__(**kwargs)
        self.tokenizer = tokenizer_from_config(tokenizer) if isinstance(tokenizer, dict) else tokenizer

    @property
    def vocab_size(self):
        return self.tokenizer.vocab_size

    def hyperparameters(self):
        """The constructor arguments beyond the tokenizer."""
        raise NotImplementedError

    def initial_state(self, batch_size):
        raise NotImplementedError

    def step(self, tokens, state, position):
        """Logits (batch, vocab) for the token after ``tokens`` (batch,), which sit at ``position``."""
        raise NotImplementedError

    def get_config(self):
        return {"name": self.name, "tokenizer": self.tokenizer.get_config(), **self.hyperparameters()}

    @classmethod
    def from_config(cls, config):
        return cls(**config)
