"""DCGAN training step time: genlab's book preset vs the keras-io DCGAN recipe, same networks, same process.

The keras-io recipe ("DCGAN to generate face images") trains the discriminator on generated and real images
with one gradient tape, then the generator through it with a second tape and fresh latents: two generator
forward passes and two optimizers per step. genlab's ``DCGAN.train_step`` is one forward pass for both players
(see genlab/gan/model.py). Both use the book's networks, batch 20 (the seeds'), RMSprop 8e-4 / 4e-4 clipped to
1.0, on random 32×32×3 images, alternating blocks of steps so that both see the same machine state. Each step is
timed on its own (``train_on_batch``), so that no ``fit`` start-up or shut-down is counted.

    python benchmarks/gan_step_time.py [--steps 20] [--rounds 3] [--batch-size 20]
"""

import argparse
import time

import keras
import numpy as np
import tensorflow as tf
from keras import ops

import genlab  # noqa: F401  (selects the backend)
from genlab.gan.presets import PRESETS
from genlab.gan.train import build_model

SHAPE = (32, 32, 3)


class KerasIoGAN(keras.Model):
    """The keras-io recipe's train_step around the same two networks (TensorFlow only, like the recipe)."""

    def __init__(self, generator, discriminator, latent_dim):
        super().__init__()
        self.generator, self.discriminator, self.latent_dim = generator, discriminator, latent_dim
        self.seed_generator = keras.random.SeedGenerator(1)
        self.bce = keras.losses.BinaryCrossentropy(from_logits=True)

    def compile(self, d_optimizer, g_optimizer):
        super().compile()
        self.d_optimizer, self.g_optimizer = d_optimizer, g_optimizer

    def train_step(self, data):
        real_images, _, _ = keras.utils.unpack_x_y_sample_weight(data)
        batch = ops.shape(real_images)[0]
        latents = keras.random.normal((batch, self.latent_dim), seed=self.seed_generator)
        combined = ops.concatenate([self.generator(latents), real_images], axis=0)
        labels = ops.concatenate([ops.ones((batch, 1)), ops.zeros((batch, 1))], axis=0)
        labels += 0.05 * keras.random.uniform(ops.shape(labels), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            d_loss = self.bce(labels, self.discriminator(combined, training=True))
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply_gradients(zip(grads, self.discriminator.trainable_weights))
        latents = keras.random.normal((batch, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            g_loss = self.bce(ops.zeros((batch, 1)), self.discriminator(self.generator(latents), training=True))
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_weights))
        return {"d_loss": d_loss, "g_loss": g_loss}


def seconds_per_step(model, batches):
    """Median seconds of one ``train_on_batch`` over ``batches`` (after one warm-up step that compiles)."""
    model.train_on_batch(batches[0])
    seconds = []
    for batch in batches:
        started = time.perf_counter()
        model.train_on_batch(batch)
        seconds.append(time.perf_counter() - started)
    return float(np.median(seconds))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=PRESETS["book"]["batch_size"])
    args = parser.parse_args()
    settings = {**PRESETS["book"], "batch_size": args.batch_size}
    batches = np.random.default_rng(0).uniform(-1, 1, (args.steps, args.batch_size, *SHAPE)).astype("float32")
    genlab_gan = build_model(settings, SHAPE, seed=0)
    reference = build_model(settings, SHAPE, seed=0)
    keras_io = KerasIoGAN(reference.generator, reference.discriminator, settings["latent_dim"])
    keras_io.compile(keras.optimizers.RMSprop(settings["d_learning_rate"], clipvalue=settings["clipvalue"]),
                     keras.optimizers.RMSprop(settings["g_learning_rate"], clipvalue=settings["clipvalue"]))
    times = {"genlab": [], "keras-io": []}
    for _ in range(args.rounds):
        times["genlab"].append(seconds_per_step(genlab_gan, batches))
        times["keras-io"].append(seconds_per_step(keras_io, batches))
        print({name: f"{values[-1] * 1000:.0f} ms" for name, values in times.items()}, flush=True)
    ours, theirs = np.median(times["genlab"]), np.median(times["keras-io"])
    print(f"\nbook-preset DCGAN step, batch {args.batch_size}, 32×32×3, median step of {args.rounds} rounds × {args.steps} steps:")
    print(f"keras-io recipe {theirs * 1000:.0f} ms/step · genlab {ours * 1000:.0f} ms/step ({theirs / ours:.2f}× faster)")


if __name__ == "__main__":
    main()
