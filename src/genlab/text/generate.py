"""Incremental, batched, compiled text generation.

The model's state (LSTM states or attention caches) is carried from token to token, so each new token costs
one step. All requested samples (e.g. one per temperature) run side by side as one batch, and the whole loop
— model step, sampling, writing the token — is one compiled call. A Transformer can see at most
``max_positions`` tokens: when the window is full, generation restarts from the last half of it.
"""

from collections.abc import Iterator, Sequence

import numpy as np
from keras import ops

from genlab import ranges
from genlab.backend import compiled_for
from genlab.errors import GenlabError
from genlab.text.models import LanguageModel
from genlab.text.prompts import default_prompt
from genlab.text.sampling import sample_next
from genlab.text.trained import load
from genlab.types import PathLike

#: Buffers of models without a context limit are sized in multiples of this, so that compiled loops are
#: reused across requests of similar length instead of being traced again for every length.
WINDOW_QUANTUM = 256


def generate(model: LanguageModel | PathLike, prompt: str | None = None, length: int = 400,
             temperature: float | Sequence[float] = 1.0, top_k: int = 0, top_p: float = 1.0,
             seed: int | None = None) -> str | list[str]:
    """The ``prompt`` followed by ``length`` generated tokens: one string for one ``temperature``, a list of
    strings (one per temperature, in order) for a list of them.

    ``model`` is a language model, its run folder or ``.keras`` file. The prompt is kept as written and joined
    to the continuation as the model's tokens are (words with spaces, characters as they are); without one,
    generation starts from the natural start of a text (see :func:`default_prompt`). Every character of a
    character model's prompt, and every word of a word model's, must be one the model knows. A temperature of 0
    is greedy decoding. ``top_k`` (0 = off) and ``top_p`` (1 = off) restrict sampling to the most likely
    tokens. The same ``seed`` gives the same text.
    """
    *_, texts = stream(model, prompt, length, temperature, top_k, top_p, seed, every=None)
    return texts


def stream(model: LanguageModel | PathLike, prompt: str | None = None, length: int = 400,
           temperature: float | Sequence[float] = 1.0, top_k: int = 0, top_p: float = 1.0,
           seed: int | None = None, every: int | None = 8) -> Iterator[str | list[str]]:
    """:func:`generate`, a piece at a time: yield the text (or texts) so far after every ``every`` new tokens,
    and last the whole text, which is what :func:`generate` returns for the same arguments. ``every=None``
    yields only the whole text. The model's state is carried from piece to piece, so streaming costs one
    compiled call per piece and no token twice."""
    model = load(model)
    single = np.isscalar(temperature)
    temperatures = [temperature] if single else list(temperature)
    ranges.COUNT_OR_ZERO.check("the length", length)
    ranges.TOP_P.check("top-p", top_p)
    ranges.Range(0, model.vocab_size, integer=True).check("top-k (0 or up to the vocabulary size)", top_k)
    ranges.check_all("temperature (0 for greedy)", temperatures, ranges.NON_NEGATIVE)
    if every is not None:
        ranges.COUNT.check("the tokens per piece", every)
    if prompt is None:
        prompt = default_prompt(model.tokenizer, seed)
    prompt_ids = model.tokenizer.encode_prompt(prompt)
    if len(prompt_ids) == 0:
        raise GenlabError("the prompt is empty: give at least one character or word to start from")
    pieces = generated_pieces(model, prompt_ids, length, temperatures, top_k, top_p, np.random.default_rng(seed),
                              every)
    for ids in pieces:
        texts = [model.tokenizer.join(prompt, model.tokenizer.decode(row)) for row in ids]
        yield texts[0] if single else texts


def generate_ids(model, prompt_ids, length, temperatures, top_k=0, top_p=1.0, rng=None):
    """Token ids (batch = len(temperatures), length) continuing ``prompt_ids``."""
    *_, ids = generated_pieces(model, prompt_ids, length, temperatures, top_k, top_p, rng, every=None)
    return ids


def generated_pieces(model, prompt_ids, length, temperatures, top_k=0, top_p=1.0, rng=None, every=None):
    """Yield the token ids generated so far, (batch = len(temperatures), n), after every ``every`` new tokens
    and at the end (only at the end for ``every=None``): piece ``i`` holds ``min(i · every, length)`` tokens."""
    rng = rng or np.random.default_rng()
    temperatures = np.asarray(temperatures, dtype="float32")
    batch = len(temperatures)
    if not model.built:
        model(np.zeros((1, 2), dtype="int32"))
    window = model.max_positions or WINDOW_QUANTUM * -(-(len(prompt_ids) + length) // WINDOW_QUANTUM)
    run = compiled_for(model, _loop(model, top_k, top_p), key=("generate", top_k, top_p))
    history = np.tile(np.asarray(prompt_ids, dtype="int32"), (batch, 1))
    produced = 0
    keep = len(prompt_ids)
    while produced < length:
        keep = min(keep, window - 1)
        buffer = np.zeros((batch, window), dtype="int32")
        buffer[:, :keep] = history[:, -keep:]
        last = min(window - 1, keep + length - produced - 1)
        uniforms = rng.random((window, batch), dtype="float32")
        state = model.initial_state(batch)
        done = keep - 1  # the buffer's last position that holds a token
        while done < last:
            until = last if every is None else min(last, done + every - produced % every)
            buffer, state = run(buffer, state, np.int32(0 if done < keep else done), np.int32(until), np.int32(keep),
                                uniforms, temperatures)
            buffer = np.asarray(buffer)
            produced += until - done
            done = until
            if every is not None and produced % every == 0:
                yield np.concatenate([history, buffer[:, keep : done + 1]], axis=1)[:, len(prompt_ids) :]
        history = np.concatenate([history, buffer[:, keep : last + 1]], axis=1)
        keep = window // 2
    if every is None or length % every or length == 0:  # else the last piece was the whole
        yield history[:, len(prompt_ids) :]


def _loop(model, top_k, top_p):
    def run(buffer, state, first, last, prompt_length, uniforms, temperatures):
        def body(t, carry):
            buffer, state = carry
            logits, state = model.step(ops.take(buffer, t, axis=1), state, t)
            drawn = sample_next(logits, temperatures, ops.take(uniforms, t, axis=0), top_k, top_p)
            given = ops.take(buffer, t + 1, axis=1)
            chosen = ops.where(t + 1 < prompt_length, given, drawn)
            return ops.slice_update(buffer, (0, t + 1), ops.cast(chosen, "int32")[:, None]), state

        return ops.fori_loop(first, last, body, (buffer, state))

    return run
