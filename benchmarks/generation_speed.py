"""Generation speed: genlab's incremental, compiled generation vs the seeds' loop, same model, same process.

The seeds' loop (Deep Learning with Python, 1st ed., 8.1) one-hot encodes the last 60 characters and calls
``model.predict`` on the whole window for every new character, then samples with NumPy. genlab carries the
LSTM state and compiles the whole loop. The model is the book preset (LSTM 128 over one-hot characters) with
the Shakespeare vocabulary; speed does not depend on the weights, so they are left untrained.

    python benchmarks/generation_speed.py [--seeds-chars 200] [--chars 4000]
"""

import argparse
import time

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab.text import generate
from genlab.text.corpus import load_corpus
from genlab.text.models import CharRNN
from genlab.text.sampling import reweight
from genlab.text.tokenizers import CharTokenizer


def seeds_loop(model, prompt, count, temperature, rng):
    """The book's loop: re-encode the whole 60-character window and run ``model.predict`` per character."""
    window = prompt
    for _ in range(count):
        logits = model.predict(model.tokenizer.encode(window)[None], verbose=0)[0]
        probabilities = np.exp(logits - logits.max())
        reweighted = reweight(probabilities / probabilities.sum(), temperature)
        next_char = model.tokenizer.symbols[int(np.argmax(rng.multinomial(1, reweighted)))]
        window = window[1:] + next_char


def rate(function, count):
    started = time.perf_counter()
    function()
    return count / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds-chars", type=int, default=200)
    parser.add_argument("--chars", type=int, default=4000)
    args = parser.parse_args()
    text = load_corpus("shakespeare")
    model = CharRNN(CharTokenizer.fit(text), units=128, predict="last")
    model(np.zeros((1, 60), dtype="int32"))
    prompt = text[1000:1060]
    rng = np.random.default_rng(0)

    seeds_loop(model, prompt, 5, 0.5, rng)
    seeds = rate(lambda: seeds_loop(model, prompt, args.seeds_chars, 0.5, rng), args.seeds_chars)
    generate(model, prompt, args.chars, [0.5], seed=0)
    ours = rate(lambda: generate(model, prompt, args.chars, [0.5], seed=1), args.chars)
    temperatures = [0.2, 0.5, 1.0, 1.2]
    generate(model, prompt, args.chars, temperatures, seed=0)
    batched = rate(lambda: generate(model, prompt, args.chars, temperatures, seed=1), args.chars * len(temperatures))

    print(f"seeds' loop (window re-encoded, model.predict per char): {seeds:,.0f} chars/s")
    print(f"genlab, one stream:                                      {ours:,.0f} chars/s")
    print(f"genlab, 4 temperatures batched:                          {batched:,.0f} chars/s in total")
    print(f"speed-up, one stream: {ours / seeds:,.0f}x")


if __name__ == "__main__":
    main()
