"""Training throughput (characters per second) of the char presets on every Keras backend that imports.

Each backend runs in its own process (``KERAS_BACKEND`` must be set before Keras is imported), on random
tokens with the Shakespeare vocabulary size, timing ``train_on_batch`` after a warm-up.

    python benchmarks/backend_throughput.py [--steps 20] [--cores 0,1]
"""

import argparse
import importlib.util
import os
import subprocess
import sys
import time

BACKENDS = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}


def child(preset, steps):
    import numpy as np

    from genlab.text.presets import resolve_settings
    from genlab.text.train import build_model, fit_tokenizer

    settings = resolve_settings("char", preset, {})
    vocabulary = "".join(chr(32 + i) for i in range(80))
    model = build_model(fit_tokenizer("char", settings, vocabulary, vocabulary), settings)
    rng = np.random.default_rng(0)
    shape = (settings["batch_size"], settings["context"])
    x = rng.integers(0, model.vocab_size, shape)
    y = x[:, -1] if settings["model"].get("predict") == "last" else x
    for _ in range(3):
        model.train_on_batch(x, y)
    started = time.perf_counter()
    for _ in range(steps):
        model.train_on_batch(x, y)
    seconds = (time.perf_counter() - started) / steps
    print(f"{seconds * 1000:.0f} {x.size / seconds:.0f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--presets", default="book,cpu")
    parser.add_argument("--cores", default="0,1")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    print("backend | preset | ms/step | characters/s (input positions processed per second)")
    for backend, module in BACKENDS.items():
        if importlib.util.find_spec(module) is None:
            print(f"{backend} | - | not installed")
            continue
        for preset in args.presets.split(","):
            result = subprocess.run(
                ["taskset", "-c", args.cores, sys.executable, __file__, "--child", preset, str(args.steps)],
                capture_output=True, text=True, env={**os.environ, "KERAS_BACKEND": backend})
            if result.returncode:
                print(f"{backend} | {preset} | failed: {result.stderr.strip().splitlines()[-1]}")
                continue
            milliseconds, rate = result.stdout.split()[-2:]
            print(f"{backend} | {preset} | {milliseconds} | {int(rate):,}", flush=True)


if __name__ == "__main__":
    main()
