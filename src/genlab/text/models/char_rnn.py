"""Recurrent language model (the book's character-level LSTM, and bigger stacks; any tokenizer)."""

import keras
from keras import layers, ops

from genlab.text.models.language_model import LanguageModel

CELLS = {"lstm": layers.LSTM, "gru": layers.GRU}


@keras.saving.register_keras_serializable(package="genlab")
class CharRNN(LanguageModel):
    """Characters → (one-hot or embedding) → ``layers`` × LSTM/GRU(``units``) → Dense(vocab) logits.

    With ``predict="last"`` the network scores only the character after the window, as in the book
    (``return_sequences=False``); with ``predict="all"`` it scores every position, which extracts a
    training signal from every character of every window.
    """

    def __init__(self, tokenizer, units=128, layers=1, cell="lstm", dropout=0.0, embedding_dim=0,
                 predict="last", **kwargs):
        super().__init__(tokenizer, **kwargs)
        self.units, self.num_layers, self.cell_kind = units, layers, cell
        # Not ``self.predict``: that would hide keras.Model.predict.
        self.dropout_rate, self.embedding_dim, self.predicted_positions = dropout, embedding_dim, predict
        self.embedding = keras.layers.Embedding(self.vocab_size, embedding_dim) if embedding_dim else None
        self.rnns = [
            CELLS[cell](units, return_sequences=predict == "all" or i < layers - 1, name=f"{cell}_{i}")
            for i in range(layers)
        ]
        self.dropout = keras.layers.Dropout(dropout)
        self.head = keras.layers.Dense(self.vocab_size, name="head", dtype="float32")

    def hyperparameters(self):
        return {"units": self.units, "layers": self.num_layers, "cell": self.cell_kind,
                "dropout": self.dropout_rate, "embedding_dim": self.embedding_dim, "predict": self.predicted_positions}

    def _embed(self, tokens):
        if self.embedding is None:
            return ops.one_hot(tokens, self.vocab_size)
        return self.embedding(tokens)

    def call(self, tokens, training=False):
        x = self._embed(tokens)
        for rnn in self.rnns:
            x = rnn(self.dropout(x, training=training), training=training)
        return self.head(self.dropout(x, training=training))

    def initial_state(self, batch_size):
        per_layer = 2 if self.cell_kind == "lstm" else 1
        return [[ops.zeros((batch_size, self.units), self.compute_dtype) for _ in range(per_layer)] for _ in self.rnns]

    def step(self, tokens, state, position):
        x = self._embed(tokens)
        new_state = []
        for rnn, layer_state in zip(self.rnns, state):
            x, layer_state = rnn.cell(x, layer_state)
            new_state.append(list(layer_state))
        return self.head(x), new_state
