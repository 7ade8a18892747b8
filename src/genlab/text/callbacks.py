"""Per-epoch text samples and language metrics, as Keras callbacks."""

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
        continuations = generate(self.model, prompt, self.length, self.temperatures, seed=int(rng.integers(2**31)))
        joiner = "" if self.model.tokenizer.kind == "char" else " "
        lines = [f"=== step {step} · prompt {prompt!r}"]
        for temperature, text in zip(self.temperatures, continuations):
            lines += [f"--- temperature {temperature}", prompt + joiner + text]
        block = "\n".join(lines) + "\n"
        self.report(block)
        if not writes_files():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)  # the run folder: the first epoch's checkpoint follows
        with open(self.path, "a", encoding="utf-8") as samples:
            samples.write(block + "\n")

    def _held_out_prompt(self, rng):
        ids = self.held_out_ids
        start = int(rng.integers(0, max(1, len(ids) - self.prompt_tokens)))
        return self.model.tokenizer.decode(ids[start : start + self.prompt_tokens]).strip() or "\n"
