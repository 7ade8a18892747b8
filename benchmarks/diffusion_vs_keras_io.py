"""genlab's diffusion ``cpu`` preset against keras-io's DDIM recipe (the book's), side by side on MNIST.

Both train from scratch on the 60,000 MNIST training digits padded to 32×32, for the same wall-clock minutes,
started together, one core each (``taskset``); then each draws ``--samples`` images with 20 DDIM steps, which
are scored with FID and KID on MobileNetV2 features against the same ``--samples`` real training digits (those
``genlab diffusion evaluate`` draws with seed 0). genlab's model is class-conditional: it is scored both
drawing the classes in turn (guidance 1) and unconditionally (guidance 0), the way keras-io's draws.
Training CPU seconds are the process's; sampling time is CPU ms per image.

    python benchmarks/diffusion_vs_keras_io.py [--minutes 30] [--samples 5000] [--runs runs/ddim-bench] [--snapshot 15]
"""

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from mnist_scoring import real_digits, score_cells

RESULT = "result.json"
DIGITS_SEED = [0, 1]  # the order of the training digits, and which are scored against


def run_keras_io(folder, minutes, samples, snapshot):
    import keras

    import keras_io_ddim
    from genlab.metrics.image_sets import compare_images

    keras.utils.set_random_seed(1)
    images = real_digits(60_000, DIGITS_SEED)  # all the training digits, in a fixed random order
    model = keras_io_ddim.build(images)
    started, cpu = time.monotonic(), time.process_time()
    stop = keras.callbacks.LambdaCallback(on_train_batch_end=lambda *_, **__: setattr(
        model, "stop_training", time.monotonic() - started > 60 * minutes))
    model.fit(keras_io_ddim.dataset(images), epochs=10**6, steps_per_epoch=250, callbacks=[stop], verbose=0)
    trained = {"steps": int(model.optimizer.iterations), "cpu_seconds": time.process_time() - cpu,
               "wall_seconds": time.monotonic() - started}
    sampling = time.process_time()
    generated = np.concatenate([keras.ops.convert_to_numpy(model.generate(250, 20)) for _ in range(samples // 250)])
    per_image = 1000 * (time.process_time() - sampling) / len(generated)
    scores = compare_images(generated, real_digits(samples, DIGITS_SEED))
    save_grid(folder / "keras-io.png", generated[:100])
    return [{"side": "keras-io DDIM recipe (book U-Net, unconditional)", **trained, **scores,
             "sampling_cpu_ms_per_image": per_image}]


def run_genlab(folder, minutes, samples, snapshot):
    from genlab import diffusion

    started, cpu = time.monotonic(), time.process_time()
    state = diffusion.train(run=folder / "genlab", minutes=snapshot or minutes, seed=1, overwrite=True,
                            report=lambda line: None)
    if snapshot:
        shutil.copytree(folder / "genlab", folder / f"genlab-{snapshot:g}min", dirs_exist_ok=True)
        state = diffusion.train(run=folder / "genlab", minutes=minutes - snapshot, resume=True,
                                report=lambda line: None)
    trained = {"steps": state["step"], "cpu_seconds": time.process_time() - cpu,
               "wall_seconds": time.monotonic() - started}
    rows = []
    for guidance, how in ((1.0, "classes in turn"), (0.0, "unconditional")):
        sampling = time.process_time()
        scores = diffusion.evaluate(folder / "genlab", samples=samples, guidance=guidance, report=lambda line: None)
        per_image = 1000 * (time.process_time() - sampling) / samples
        rows.append({"side": f"genlab cpu preset ({how}, guidance {guidance:g})", **trained, **scores,
                     "sampling_cpu_ms_per_image": per_image})
    save_grid(folder / "genlab.png", diffusion.generate_images(folder / "genlab", 100, seed=0) / 255.0)
    return rows


def save_grid(path, images):
    from genlab.images import contact_sheet, save_image

    save_image(path, contact_sheet(list(np.asarray(images) * 255.0), 10, padding=2, background=0.0))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--runs", default="runs/ddim-bench")
    parser.add_argument("--snapshot", type=float, help="also keep a copy of genlab's run after this many minutes "
                        "(RUNS/genlab-15min for --snapshot 15), for the three-model table")
    parser.add_argument("--side", choices=("genlab", "keras-io"), help="run one side here (the default runs both, "
                        "each in its own process on its own core)")
    args = parser.parse_args()
    folder = Path(args.runs)
    if args.side:
        folder.mkdir(parents=True, exist_ok=True)
        rows = (run_genlab if args.side == "genlab" else run_keras_io)(folder, args.minutes, args.samples, args.snapshot)
        (folder / f"{args.side}-{RESULT}").write_text(json.dumps(rows, indent=1))
        return
    sides = [subprocess.Popen(["taskset", "-c", core, sys.executable, __file__, "--side", side, "--minutes",
                               str(args.minutes), "--samples", str(args.samples), "--runs", str(folder)]
                              + (["--snapshot", str(args.snapshot)] if args.snapshot else []))
             for core, side in (("0", "keras-io"), ("1", "genlab"))]
    if any(process.wait() for process in sides):
        sys.exit("a side failed")
    rows = [row for side in ("genlab", "keras-io") for row in json.loads((folder / f"{side}-{RESULT}").read_text())]
    print(f"MNIST, {args.minutes:g} min of training on one core each, {args.samples} samples (20 DDIM steps) vs "
          f"{args.samples} real training digits; {rows[0]['features']}:")
    print("| side | steps | training CPU s | FID | KID | sampling CPU ms/image |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['side']} | {row['steps']:,} | {row['cpu_seconds']:.0f} | {score_cells(row)} | "
              f"{row['sampling_cpu_ms_per_image']:.1f} |")


if __name__ == "__main__":
    main()
