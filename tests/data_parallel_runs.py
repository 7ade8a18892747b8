"""Run by test_distribution.py in a child process whose JAX backend has two virtual CPU devices.

``python data_parallel_runs.py TRAINER FOLDER`` trains the tiny ``TRAINER`` (text, vae, gan, style) for an
epoch on one device and on both, with the same global batch; finishes a second epoch from each checkpoint in
the other mode, and from the one-device checkpoint in its own mode, which must equal two epochs trained straight
through; and tries a batch the two devices cannot share. It prints one JSON line: the largest differences found.
"""

import json
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from genlab import gan, text, vae
from genlab.errors import GenlabError
from genlab.style import fast
from genlab.style.fast import train_fast
from genlab.training.checkpoint import load_checkpoint
from genlab.training.distribution import Distribute

QUIET = {"seed": 1, "report": lambda *_: None}


def squares(folder, count, side, channels):
    """``count`` images of a bright square at a random place."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for index in range(count):
        pixels = np.zeros((side, side, channels), np.uint8)
        top, left = rng.integers(0, side // 2, 2)
        pixels[top: top + side // 2, left: left + side // 2] = 255
        Image.fromarray(pixels.squeeze()).save(folder / f"{index:02d}.png")
    return folder


def run_trainer(train_function, length, options):
    """``train(run, distribute, epochs, resume, batch_size)`` for a trainer of run folders; ``length(epochs)``
    is its stopping point, ``options`` its tiny settings for a new run."""

    def train(run, distribute, epochs, resume=False, batch_size=None):
        settings = {} if resume else {**options, **({"batch_size": batch_size} if batch_size else {})}
        train_function(run=run, distribute=distribute, resume=resume, **length(epochs), **settings, **QUIET)
        return run / "model.keras"

    return train


def text_trainer(folder):
    corpus = folder / "corpus.txt"
    words = "the king and the queen walk to the castle . a ghost appears at night".split()
    rng = np.random.default_rng(0)
    corpus.write_text("\n".join(" ".join(rng.choice(words, 12)) for _ in range(200)), encoding="utf-8")
    return run_trainer(text.train, lambda epochs: {"epochs": epochs},
                       dict(corpus=str(corpus), context=8, batch_size=8, steps_per_epoch=3, sample_length=4, units=8,
                            temperatures=[0.5]))


def vae_trainer(folder):
    return run_trainer(vae.train, lambda epochs: {"epochs": epochs},
                       dict(data=str(squares(folder / "images", 40, 8, 1)), image_size=8, channels=1, batch_size=8,
                            latent_dim=2, test_fraction=0.2))


def gan_trainer(folder):
    return run_trainer(gan.train, lambda epochs: {"steps": 2 * epochs},
                       dict(data=str(squares(folder / "images", 16, 16, 3)), image_size=16, latent_dim=8, batch_size=4,
                            steps_per_epoch=2, grid_size=4))


def small_vgg16(name="vgg16", precision=None):
    """A small random convnet with the VGG16 layers the perceptual loss reads, standing in for the pretrained
    one: what is under test is how the trainer splits its work over devices, not VGG16's weights, and building
    and compiling the whole VGG16 for every run made this the suite's slowest test."""
    import keras

    from genlab.backbones import Backbone
    from genlab.backbones.preprocessing import Caffe
    from genlab.style.perceptual import LAYERS

    keras.utils.set_random_seed(0)
    x = inputs = keras.Input((None, None, 3))
    outputs = {}
    for index, layer in enumerate(sorted(LAYERS), start=1):  # block1_conv1 … block5_conv2, halved between blocks
        if index > 1 and layer[:6] != sorted(LAYERS)[index - 2][:6]:
            x = keras.layers.MaxPooling2D(2)(x)
        x = keras.layers.Conv2D(4 * index, 3, padding="same", activation="relu", name=layer)(x)
        outputs[layer] = x
    return Backbone(name, keras.Model(inputs, outputs), Caffe())


def style_trainer(folder):
    photos = squares(folder / "photos", 4, 48, 3)
    style = squares(folder / "style", 1, 32, 3) / "00.png"
    fast.load_backbone = small_vgg16

    def train(run, distribute, epochs, resume=False, batch_size=2):
        train_fast(style, run, data=photos, steps=2 * epochs, crop=32, batch_size=batch_size,
                   width=4, residual_blocks=1, style_size=32, steps_per_epoch=2, precision="float32",
                   distribute=distribute, resume=resume, **QUIET)
        return run / "model.keras"

    return train


TRAINERS = {"text": text_trainer, "vae": vae_trainer, "gan": gan_trainer, "style": style_trainer}


def difference(first, second):
    """The largest absolute difference between two checkpoints' weights, and the largest relative one between
    their loss histories."""
    (model_a, state_a), (model_b, state_b) = load_checkpoint(first), load_checkpoint(second)
    weights = max(float(np.max(np.abs(a - b))) for a, b in zip(model_a.get_weights(), model_b.get_weights()))
    losses = [[record[key] for key in sorted(record) if "loss" in key] for record in state_a["history"]]
    others = [[record[key] for key in sorted(record) if "loss" in key] for record in state_b["history"]]
    relative = np.abs(np.subtract(losses, others)) / np.maximum(np.abs(losses), 1.0)  # a style loss is ~1e3
    return {"weights": weights, "losses": float(np.max(relative)),
            "steps": [state_a["step"], state_b["step"]]}


def main(name, folder):
    folder = Path(folder)
    train = TRAINERS[name](folder)
    two = Distribute(devices=2)
    single = train(folder / "single", None, 1)
    parallel = train(folder / "parallel", two, 1)
    results = {"one epoch": difference(single, parallel)}
    (folder / "stayed").mkdir()
    shutil.copy(single, folder / "stayed" / "model.keras")
    stayed = train(folder / "stayed", None, 2, resume=True)
    results["resumed"] = difference(train(folder / "straight", None, 2), stayed)
    results["to distributed"] = difference(stayed, train(folder / "single", two, 2, resume=True))
    results["to one device"] = difference(stayed, train(folder / "parallel", None, 2, resume=True))
    try:
        train(folder / "odd", two, 1, batch_size=3)
        results["indivisible"] = None
    except GenlabError as error:
        results["indivisible"] = str(error)
    print(json.dumps(results))


if __name__ == "__main__":
    main(*sys.argv[1:])
