"""Guidance works: how often a separate MNIST classifier recognises the requested digit in guided samples.

The benchmark first trains a small convolutional classifier on the 60,000 training digits (padded to 32×32, as
the diffusion model sees them) and checks it on the 10,000 test digits (it must reach 98 %). Then one trained
class-conditional diffusion run draws ``--per-class`` images of every digit at each guidance (20 DDIM steps,
seed 0), and the table gives the fraction that the classifier labels with the requested digit, with the
sampling CPU ms per image (guidance other than 0 and 1 runs the U-Net twice per step).

    python benchmarks/diffusion_guidance.py RUN [--per-class 1000] [--guidance 0,1,3,5]
"""

import argparse
import time

import keras
import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab import diffusion
from genlab.datasets import MNIST_PADDED_SIZE, load_mnist


def digits(split):
    images = load_mnist(split).padded_to(MNIST_PADDED_SIZE, MNIST_PADDED_SIZE)
    return images.images, images.labels


def train_classifier():
    keras.utils.set_random_seed(0)
    classifier = keras.Sequential([
        keras.Input((MNIST_PADDED_SIZE, MNIST_PADDED_SIZE, 1)),
        keras.layers.Conv2D(32, 3, activation="relu"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(64, 3, activation="relu"), keras.layers.MaxPooling2D(),
        keras.layers.Flatten(), keras.layers.Dropout(0.5), keras.layers.Dense(10, activation="softmax"),
    ])
    classifier.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    classifier.fit(*digits("train"), batch_size=128, epochs=3, verbose=0)
    _, accuracy = classifier.evaluate(*digits("test"), verbose=0)
    return classifier, accuracy


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="a class-conditional diffusion run folder trained on MNIST")
    parser.add_argument("--per-class", type=int, default=1000)
    parser.add_argument("--guidance", default="0,1,3,5")
    args = parser.parse_args()
    classifier, accuracy = train_classifier()
    print(f"classifier: {accuracy:.2%} of the 10,000 test digits right")
    if accuracy < 0.98:
        raise SystemExit("the classifier is too weak to judge the samples (below 98 %)")
    model = diffusion.load(args.run)
    print(f"{args.run}: {args.per_class} samples per digit, 20 DDIM steps, seed 0")
    print("| guidance | recognised as the requested digit | worst digit | sampling CPU ms/image |")
    print("|---|---|---|---|")
    for guidance in (float(part) for part in args.guidance.split(",")):
        cpu = time.process_time()
        per_digit = []
        for digit in range(10):
            images = diffusion.generate_images(model, args.per_class, seed=digit, label=digit, guidance=guidance)
            predicted = np.argmax(classifier.predict(images / 255.0, batch_size=500, verbose=0), axis=1)
            per_digit.append(np.mean(predicted == digit))
        cpu = 1000 * (time.process_time() - cpu) / (10 * args.per_class)
        worst = int(np.argmin(per_digit))
        print(f"| {guidance:g} | {np.mean(per_digit):.1%} | {worst} ({per_digit[worst]:.1%}) | {cpu:.1f} |",
              flush=True)


if __name__ == "__main__":
    main()
