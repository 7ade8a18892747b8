"""Per-epoch text samples and language metrics, as Keras callbacks."""

import re

import keras
import numpy as np

from genlab.metrics.language import bits_per_token, describe, perplexity
from genlab.text.generate import generate
from genlab.training.distribution import writes_files


class LanguageMetrics(keras.callbacks.Callback):
    """Add bits/char (character models) or perplexity (word models) next to each loss in the epoch logs."""

    def __init__(self, kind, report=print):
        super().__init__()
        self.kind = kind
        self.report = report

    def on_epoch_end(self, epoch, logs=None):
        logs = logs if logs is not None else {}
        convert, suffix = (bits_per_token, "bpc") if self.kind == "char" else (perplexity, "perplexity")
        for name in ("loss", "val_loss"):
            if name in logs:
                logs[name.replace("loss", suffix)] = convert(float(logs[name]))
        step = int(self.model.optimizer.iterations)
        parts = [f"step {step}", f"train {describe(self.kind, float(logs['loss']))}"] if "loss" in logs else []
        if "val_loss" in logs:
            parts.append(f"held-out {describe(self.kind, float(logs['val_loss']))}")
        self.report(" · ".join(parts))


def language_figures(kind):
    """What training progress shows of a language model: its training loss in bits/char or perplexity, the
    unit of every other line genlab prints about it."""
    convert, label = (bits_per_token, "bits/char") if kind == "char" else (perplexity, "perplexity")
    return lambda logs: {label: convert(float(logs["loss"]))} if "loss" in logs else {}


class TextSamples(keras.callbacks.Callback):
    """After each epoch, continue a prompt at several temperatures; print and append to ``path`` (process 0).

    The prompt is ``prompt`` if given, else a snippet of the held-out text chosen from ``(seed, step)``.
    """

    def __init__(self, held_out_ids, prompt_tokens, length, temperatures, path, seed, prompt=None, report=print):
        super().__init__()
        self.held_out_ids = held_out_ids
        self.prompt_tokens = prompt_tokens
        self.length = length
        self.temperatures = temperatures
        self.path = path
        self.seed = seed
        self.prompt = prompt
        self.report = report

    def on_epoch_end(self, epoch, logs=None):
        step = int(self.model.optimizer.iterations)
        rng = np.random.default_rng([self.seed, step])
        prompt = self.prompt or self._held_out_prompt(rng)
        texts = generate(self.model, prompt, self.length, self.temperatures, seed=int(rng.integers(2**31)))
        lines = [f"=== step {step} · prompt {prompt!r}"]
        for temperature, text in zip(self.temperatures, texts):
            lines += [f"--- temperature {temperature}", text]
        block = "\n".join(lines) + "\n"
        self.report(block)
        if not writes_files():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)  # the run folder: the first epoch's checkpoint follows
        with open(self.path, "a", encoding="utf-8") as samples:
            samples.write(block + "\n")

    def _held_out_prompt(self, rng):
        """A snippet of about ``prompt_tokens`` held-out tokens; a character model's starts and ends on word
        boundaries."""
        ids = self.held_out_ids
        start = int(rng.integers(0, max(1, len(ids) - self.prompt_tokens)))
        end = start + self.prompt_tokens
        decode = self.model.tokenizer.decode
        snippet = decode(ids[start:end])
        if self.model.tokenizer.kind == "char":
            snippet = whole_words(snippet, decode(ids[start - 1 : start]) if start else "", decode(ids[end : end + 1]))
        return snippet.strip() or "\n"


def whole_words(snippet, before, after):
    """``snippet`` without the pieces of words it cuts in two; ``before`` and ``after`` are the characters
    next to it in the text ("" at the text's ends)."""
    if before and not before.isspace():
        snippet = re.sub(r"^\S+", "", snippet)
    if after and not after.isspace():
        snippet = re.sub(r"\S+$", "", snippet)
    return snippet
