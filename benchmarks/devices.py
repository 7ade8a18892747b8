"""The device check: each trainer's step time on one device against all devices, and generation speed on a GPU.

Every trainer's model is built from its default preset and trained on random data of its own shape, with the
same global batch (the preset's, rounded up to a multiple of the device count) on one device and data-parallel
over all devices (``keras.distribution.DataParallel``, as ``--distribute`` does). Each side first runs
``--warmup`` steps (compilation), then ``--steps`` timed steps in one ``fit``; the figure is the median of
``--rounds`` rounds. Where the backend sees a GPU, it also times text generation (a char model of the cpu preset,
random weights) and GAN sampling. It prints a Markdown table for BENCHMARKS.md last.

    KERAS_BACKEND=jax python benchmarks/devices.py [--steps 20] [--rounds 3] [--trainers text,vae,gan,style]
    KERAS_BACKEND=jax XLA_FLAGS=--xla_force_host_platform_device_count=2 python benchmarks/devices.py  # 2 virtual CPUs
"""

import argparse
import statistics
import time

import keras
import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab import assets, backend
from genlab.training.distribution import Distribute, data_parallel


class SameBatch(keras.utils.PyDataset):
    """One batch, ``count`` times: the step time without any data loading."""

    def __init__(self, batch, count):
        super().__init__()
        self.batch, self.count = batch, count

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        return self.batch


def text_model(batch_size):
    from genlab.text.presets import resolve_settings
    from genlab.text.tokenizers import CharTokenizer
    from genlab.text.train import build_model

    settings = resolve_settings("char", "cpu", {})
    model = build_model(CharTokenizer.fit("abcdefghijklmnopqrstuvwxyz .,\n"), settings)
    ids = np.random.default_rng(0).integers(0, model.vocab_size, (batch_size, settings["context"] + 1))
    return model, (ids[:, :-1].astype("int32"), ids[:, 1:].astype("int32"))


def vae_model(batch_size):
    from genlab.vae.presets import DEFAULT_PRESET, resolve_settings
    from genlab.vae.train import build_model

    settings = resolve_settings(DEFAULT_PRESET, {"precision": "float32"})
    model = build_model((28, 28, 1), settings, seed=0, steps_per_epoch=1000)
    return model, np.random.default_rng(0).random((batch_size, 28, 28, 1), dtype="float32")


def gan_model(batch_size):
    from genlab.gan.presets import resolve_settings
    from genlab.gan.train import build_model

    model = build_model(resolve_settings("cpu", {}), (32, 32, 1), seed=0)
    return model, np.random.default_rng(0).uniform(-1, 1, (batch_size, 32, 32, 1)).astype("float32")


def style_model(batch_size):
    from genlab.backbones import load_backbone
    from genlab.style.fast import build_trainer
    from genlab.style.perceptual import JohnsonLoss

    trainer = build_trainer()
    photos = np.random.default_rng(0).uniform(0, 255, (batch_size, 256, 256, 3)).astype("float32")
    trainer.perceptual = JohnsonLoss(load_backbone("vgg16"), photos[0])
    return trainer, (photos, photos)


#: trainer → (model and one batch of random data, the default preset's global batch)
TRAINERS = {"text": (text_model, 64), "vae": (vae_model, 32), "gan": (gan_model, 64), "style": (style_model, 4)}


def step_seconds(build, batch_size, distribute, steps, warmup, rounds):
    """The median (wall, CPU) seconds per training step of ``rounds`` fits of ``steps`` steps, after ``warmup``
    steps. CPU seconds count every thread of this process: on shared CPUs they vary less than wall time."""
    with data_parallel(distribute):
        model, batch = build(batch_size)
        model.fit(SameBatch(batch, warmup), verbose=0)
        walls, cpus = [], []
        for _ in range(rounds):
            started, cpu = time.perf_counter(), time.process_time()
            model.fit(SameBatch(batch, steps), verbose=0)
            walls.append((time.perf_counter() - started) / steps)
            cpus.append((time.process_time() - cpu) / steps)
    return statistics.median(walls), statistics.median(cpus)


def milliseconds(seconds):
    """``"412.3 (790.1)"``: wall and CPU milliseconds of a step."""
    wall, cpu = seconds
    return f"{1000 * wall:.1f} ({1000 * cpu:.1f})"


def generation_speed(rounds):
    """Characters per second of text generation and images per second of GAN sampling, on the default device."""
    from genlab.gan.sample import generate_images
    from genlab.text.generate import generate

    model, _ = text_model(1)
    generate(model, "a", 20, seed=0)
    started = time.perf_counter()
    for _ in range(rounds):
        generate(model, "a", 400, seed=0)
    chars = 400 * rounds / (time.perf_counter() - started)
    gan, _ = gan_model(1)
    generate_images(gan, 64, seed=0)
    started = time.perf_counter()
    for _ in range(rounds):
        generate_images(gan, 1000, seed=0)
    return chars, 1000 * rounds / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--trainers", default=",".join(TRAINERS))
    args = parser.parse_args()
    devices = backend.devices()
    accelerators = [device for device in devices if device["kind"] != "cpu"]
    count = len(accelerators or devices)
    names = [name for name in args.trainers.split(",") if name]
    if "style" in names and not assets.is_cached("vgg16-hed"):
        print("style skipped: vgg16-hed is not cached (genlab assets fetch vgg16-hed)")
        names.remove("style")
    rows = []
    for name in names:
        build, preset_batch = TRAINERS[name]
        batch_size = -(-preset_batch // count) * count
        one = step_seconds(build, batch_size, None, args.steps, args.warmup, args.rounds)
        print(f"{name}: one device {milliseconds(one)} ms/step", flush=True)
        if count > 1:
            every = step_seconds(build, batch_size, Distribute(), args.steps, args.warmup, args.rounds)
            print(f"{name}: {count} devices {milliseconds(every)} ms/step", flush=True)
        else:
            every = None
        rows.append((name, batch_size, one, every))
    print(f"\n{keras.backend.backend()} · {count} × {(accelerators or devices)[0]['kind']} "
          f"({', '.join(device['name'] for device in (accelerators or devices))})\n")
    print(f"| trainer | global batch | 1 device, ms/step (CPU ms) | {count} devices, ms/step (CPU ms) | speed-up |")
    print("|---|---|---|---|---|")
    for name, batch_size, one, every in rows:
        many = "–" if every is None else milliseconds(every)
        speedup = "–" if every is None else f"{one[0] / every[0]:.2f}×"
        print(f"| {name} | {batch_size} | {milliseconds(one)} | {many} | {speedup} |")
    if accelerators:
        chars, images = generation_speed(args.rounds)
        print(f"\ngeneration on {accelerators[0]['name']}: text {chars:,.0f} chars/s · GAN {images:,.0f} images/s")


if __name__ == "__main__":
    main()
