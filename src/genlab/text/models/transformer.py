"""Word-level decoder-only Transformer language model (the book's 2nd-edition model, made causal-only).

The book's decoder block cross-attends to its own input; a language model needs causal self-attention only.
Blocks are pre-norm (layer norm before attention and feed-forward), which trains more stably than the book's
post-norm; a final layer norm precedes the output projection.
"""

import math

import keras
from keras import layers, ops

from genlab.text.models.language_model import LanguageModel

NEGATIVE = -1e9


@keras.saving.register_keras_serializable(package="genlab")
class CausalSelfAttention(layers.Layer):
    """Multi-head self-attention where position t sees positions ≤ t; with a key/value cache for decoding."""

    def __init__(self, embed_dim, heads, dropout=0.0, **kwargs):
        super().__init__(**kwargs)
        self.embed_dim, self.heads, self.dropout_rate = embed_dim, heads, dropout
        self.head_dim = embed_dim // heads
        self.qkv = layers.Dense(3 * embed_dim, name="qkv")
        self.out = layers.Dense(embed_dim, name="out")
        self.dropout = layers.Dropout(dropout)

    def _heads(self, x):
        batch, length = ops.shape(x)[0], ops.shape(x)[1]
        x = ops.reshape(x, (batch, length, 3, self.heads, self.head_dim))
        x = ops.transpose(x, (2, 0, 3, 1, 4))
        return x[0], x[1], x[2]

    def _attend(self, q, k, v, allowed, training):
        scores = ops.matmul(q, ops.transpose(k, (0, 1, 3, 2))) / math.sqrt(self.head_dim)
        weights = ops.softmax(ops.where(allowed, scores, NEGATIVE), axis=-1)
        mixed = ops.matmul(self.dropout(weights, training=training), v)
        batch, length = ops.shape(mixed)[0], ops.shape(mixed)[2]
        mixed = ops.reshape(ops.transpose(mixed, (0, 2, 1, 3)), (batch, length, self.embed_dim))
        return self.out(mixed)

    def call(self, x, training=False):
        q, k, v = self._heads(self.qkv(x))
        length = ops.shape(x)[1]
        causal = ops.arange(length)[:, None] >= ops.arange(length)[None, :]
        return self._attend(q, k, v, causal, training)

    def step(self, x, cache, position):
        """Attend from one new position (x: batch, 1, embed) over the cached keys/values plus its own."""
        q, k, v = self._heads(self.qkv(x))
        keys = ops.slice_update(cache[0], (0, 0, position, 0), k)
        values = ops.slice_update(cache[1], (0, 0, position, 0), v)
        visible = ops.arange(ops.shape(keys)[2]) <= position
        return self._attend(q, keys, values, visible[None, None, None, :], False), [keys, values]

    def get_config(self):
        return {**super().get_config(), "embed_dim": self.embed_dim, "heads": self.heads,
                "dropout": self.dropout_rate}


@keras.saving.register_keras_serializable(package="genlab")
class DecoderBlock(layers.Layer):
    def __init__(self, embed_dim, heads, ff_dim, dropout=0.0, **kwargs):
        super().__init__(**kwargs)
        self.embed_dim, self.heads, self.ff_dim, self.dropout_rate = embed_dim, heads, ff_dim, dropout
        self.norm_attention = layers.LayerNormalization(epsilon=1e-5)
        self.attention = CausalSelfAttention(embed_dim, heads, dropout, name="attention")
        self.norm_ff = layers.LayerNormalization(epsilon=1e-5)
        self.ff_in = layers.Dense(ff_dim, activation="relu")
        self.ff_out = layers.Dense(embed_dim)
        self.dropout = layers.Dropout(dropout)

    def _feed_forward(self, x, training):
        return self.dropout(self.ff_out(self.ff_in(self.norm_ff(x))), training=training)

    def call(self, x, training=False):
        x = x + self.dropout(self.attention(self.norm_attention(x), training=training), training=training)
        return x + self._feed_forward(x, training)

    def step(self, x, cache, position):
        attended, cache = self.attention.step(self.norm_attention(x), cache, position)
        x = x + attended
        return x + self._feed_forward(x, False), cache

    def get_config(self):
        return {**super().get_config(), "embed_dim": self.embed_dim, "heads": self.heads,
                "ff_dim": self.ff_dim, "dropout": self.dropout_rate}


@keras.saving.register_keras_serializable(package="genlab")
class TransformerLM(LanguageModel):
    """Token + learned position embeddings → ``blocks`` decoder blocks → layer norm → Dense(vocab) logits."""

    def __init__(self, tokenizer, context=100, embed_dim=256, heads=2, ff_dim=2048, blocks=1, dropout=0.0,
                 **kwargs):
        super().__init__(tokenizer, **kwargs)
        self.context, self.embed_dim, self.heads = context, embed_dim, heads
        self.ff_dim, self.num_blocks, self.dropout_rate = ff_dim, blocks, dropout
        self.token_embedding = layers.Embedding(self.vocab_size, embed_dim, name="token_embedding")
        self.position_embedding = layers.Embedding(context, embed_dim, name="position_embedding")
        self.blocks = [DecoderBlock(embed_dim, heads, ff_dim, dropout, name=f"block_{i}") for i in range(blocks)]
        self.norm = layers.LayerNormalization(epsilon=1e-5)
        self.dropout = layers.Dropout(dropout)
        self.head = layers.Dense(self.vocab_size, name="head", dtype="float32")

    @property
    def max_positions(self):
        return self.context

    def hyperparameters(self):
        return {"context": self.context, "embed_dim": self.embed_dim, "heads": self.heads,
                "ff_dim": self.ff_dim, "blocks": self.num_blocks, "dropout": self.dropout_rate}

    def call(self, tokens, training=False):
        positions = ops.arange(ops.shape(tokens)[1])
        x = self.token_embedding(tokens) + self.position_embedding(positions)[None]
        x = self.dropout(x, training=training)
        for block in self.blocks:
            x = block(x, training=training)
        return self.head(self.norm(x))

    def initial_state(self, batch_size):
        shape = (batch_size, self.heads, self.context, self.embed_dim // self.heads)
        return [[ops.zeros(shape, self.compute_dtype), ops.zeros(shape, self.compute_dtype)] for _ in self.blocks]

    def step(self, tokens, state, position):
        x = self.token_embedding(tokens[:, None]) + self.position_embedding(ops.reshape(position, (1,)))[None]
        new_state = []
        for block, cache in zip(self.blocks, state):
            x, cache = block.step(x, cache, position)
            new_state.append(cache)
        return self.head(self.norm(x))[:, 0], new_state
