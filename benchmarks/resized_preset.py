"""Does a preset stay stable when the model is resized? The README's example: the book's character preset
(RMSprop 0.01, no clipping, tuned for one LSTM of 128) with ``--units 512 --layers 2 --cell gru --dropout 0.1``,
trained on the Shakespeare plays as the preset says (60-character windows every 3, batch 128), once with the
book's optimiser settings unchanged and once as genlab adapts them (rate × 128/512, gradients clipped to norm
1, a warm-up). Prints the training loss in bits per character, averaged over every ``--every`` steps; uniform
guessing over the plays' 80 characters is 6.32 bits.

    taskset -c 1 python benchmarks/resized_preset.py [--steps 48] [--warmup-steps 20]
"""

import argparse
import math

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab.text.batches import WindowBatches
from genlab.text.corpus import load_corpus
from genlab.text.presets import PRESETS, resolve_settings
from genlab.text.tokenizers import CharTokenizer
from genlab.text.train import build_model

RESIZE = {"units": 512, "layers": 2, "cell": "gru", "dropout": 0.1}


def losses(settings, text, steps):
    """Training loss (bits/char) of each of ``steps`` steps."""
    tokenizer = CharTokenizer.fit(text)
    model = build_model(tokenizer, settings)
    batches = WindowBatches(tokenizer.encode(text), settings["context"], settings["batch_size"], 0,
                            settings["stride"], "last")
    return [float(model.train_on_batch(*batches(step))) / math.log(2) for step in range(steps)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=48)
    parser.add_argument("--every", type=int, default=8)
    parser.add_argument("--warmup-steps", type=int, default=20, help="genlab's warm-up here (default 20, so "
                        "that the full rate is reached within a short run; genlab's own default is 100)")
    args = parser.parse_args()
    text = load_corpus("shakespeare")[:2_000_000]
    book = PRESETS["char"]["book"]
    unchanged = {**resolve_settings("char", "book", RESIZE), "learning_rate": book["learning_rate"],
                 "clipnorm": None, "warmup_steps": 0}
    adapted = resolve_settings("char", "book", {**RESIZE, "warmup_steps": args.warmup_steps})
    rows = {name: losses(settings, text, args.steps) for name, settings in
            [("book's optimiser unchanged", unchanged), ("genlab's adapted settings", adapted)]}
    header = " | ".join(f"steps {start + 1}–{start + args.every}" for start in range(0, args.steps, args.every))
    print(f"| bits/char | {header} |\n|---|" + "---|" * math.ceil(args.steps / args.every))
    for name, values in rows.items():
        means = [np.mean(values[start:start + args.every]) for start in range(0, args.steps, args.every)]
        print(f"| {name} | " + " | ".join(f"{mean:.2f}" for mean in means) + " |")


if __name__ == "__main__":
    main()
