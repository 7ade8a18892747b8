"""VAE, DCGAN and diffusion on one table: FID and KID after the same minutes of training on MNIST.

Each technique trains its ``cpu`` preset on the 60,000 MNIST training digits (seed 1) until each of
``--minutes`` (cumulative wall-clock minutes, resumed exactly between them; one core: run under
``taskset -c N``, one technique per process so that the three can run side by side). At each point it draws
``--samples`` images and scores them with FID and KID (MobileNetV2 features, as ``genlab gan evaluate``)
against the same ``--samples`` training digits, padded to 32×32 as the DCGAN and diffusion models see them
(the VAE's 28×28 samples are padded the same way). It reports the sampling CPU time per image and writes a
grid of the first 64 samples as ``RUN/grid_MM.png`` and the model as ``RUN/model_MM.keras``:

- VAE: decoded draws from the prior N(0, I), the decoder's probabilities as grey levels;
- DCGAN: the averaged generator from normal latents;
- diffusion: 20 DDIM steps (the preset's sampler), the classes in turn, guidance 1.

    python benchmarks/three_models.py --technique diffusion [--minutes 15,60] [--samples 5000] [--run runs/three-models]
    python benchmarks/three_models.py --technique diffusion --condition input --standardise   # the book's choices
    python benchmarks/three_models.py --technique diffusion --score RUN/model_60.keras   # score a saved model again
"""

import argparse
import shutil
import time
from pathlib import Path

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab import diffusion, gan, vae
from genlab.images import save_batch
from genlab.metrics.image_sets import compare_images

from mnist_scoring import print_table, real_digits, score_cells

TECHNIQUES = ("vae", "gan", "diffusion")
MNIST_PADDING = 2  # 28 → 32 pixels


def train(technique, run, resume, minutes, seed, variant):
    quiet = {"report": lambda line: None, "resume": resume, "minutes": minutes, "seed": seed}
    if technique == "vae":
        return vae.train(run=run, **quiet)
    if technique == "gan":
        return gan.train(run=run, steps=10**9, **quiet)
    return diffusion.train(run=run, steps=10**9, **quiet, **variant)


def generate(technique, source, count):
    """``count`` samples as pixels in [0, 255], (N, 32, 32, 1)."""
    if technique == "vae":
        model = vae.load(source)
        latent = np.random.default_rng(0).standard_normal((count, model.latent_dim)).astype("float32")
        padding = [(0, 0), (MNIST_PADDING, MNIST_PADDING), (MNIST_PADDING, MNIST_PADDING), (0, 0)]
        return 255.0 * np.pad(model.decode(latent), padding)
    if technique == "gan":
        return gan.generate_images(source, count, seed=0)
    return diffusion.generate_images(source, count, seed=0)


def score(technique, source, real):
    """FID and KID of as many samples of ``source`` (a run folder or a saved model) as ``real`` has images, the
    sampling CPU ms per image, and the samples."""
    cpu = time.process_time()
    images = generate(technique, source, len(real))
    per_image = 1000 * (time.process_time() - cpu) / len(real)
    return compare_images(images / 255.0, real), per_image, images


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--technique", choices=TECHNIQUES, required=True)
    parser.add_argument("--minutes", default="15,60", help="cumulative minutes at which to score, comma-separated")
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--run", default="runs/three-models")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--condition", choices=["input", "blocks"],
                        help="diffusion: where the class and noise level enter the U-Net (default: the preset's)")
    parser.add_argument("--standardise", action=argparse.BooleanOptionalAction,
                        help="diffusion: standardise the images by the data's mean and spread (default: the preset's)")
    parser.add_argument("--score", metavar="MODEL", help="only score this saved model (a RUN/model_MM.keras) again")
    args = parser.parse_args()
    real = real_digits(args.samples)
    if args.score:
        scores, per_image, _ = score(args.technique, args.score, real)
        print(f"| {args.technique} | {args.score} | {score_cells(scores)} | {per_image:.2f} |")
        return
    run = Path(args.run) / args.technique
    shutil.rmtree(run, ignore_errors=True)
    variant = {name: value for name, value in (("condition", args.condition), ("standardise", args.standardise))
               if value is not None}
    rows, trained, training_cpu = [], 0.0, 0.0
    for point in (float(minutes) for minutes in args.minutes.split(",")):
        started, cpu = time.monotonic(), time.process_time()
        state = train(args.technique, run, trained > 0, point - trained, args.seed, variant)
        trained += (time.monotonic() - started) / 60.0
        training_cpu += time.process_time() - cpu
        shutil.copy(run / "model.keras", run / f"model_{round(point):02d}.keras")
        scores, per_image, images = score(args.technique, run, real)
        save_batch(run / f"grid_{round(point):02d}.png", images[:64])
        rows.append([args.technique, f"{trained:.1f}", f"{training_cpu:.0f}", f"{state['step']:,}",
                     score_cells(scores), f"{per_image:.2f}"])
        print(f"{args.technique} {trained:.1f} min, step {state['step']:,}: FID {scores['fid']:.2f}", flush=True)
    print_table(f"{args.technique} cpu preset on MNIST, {args.samples} samples vs {args.samples} training digits "
                f"({scores['features']})", ["technique", "training minutes", "training CPU s", "steps", "FID", "KID",
                                            "sampling CPU ms/image"], rows)


if __name__ == "__main__":
    main()
