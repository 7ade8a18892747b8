"""DCGAN training step time: genlab's book preset vs the keras-io DCGAN recipe, same networks, same process.

The keras-io recipe ("DCGAN to generate face images") trains the discriminator on generated and real images
with one gradient tape, then the generator through it with a second tape and fresh latents: two generator
forward passes and two optimizers per step. genlab's ``DCGAN.train_step`` is one forward pass for both players
(see genlab/gan/model.py). Both use the book's networks, batch 20 (the seeds'), RMSprop 8e-4 / 4e-4 clipped to
1.0, on random 32×32×3 images, alternating blocks of steps so that both see the same machine state. Each step is
timed on its own (``train_on_batch``), so that no ``fit`` start-up or shut-down is counted, in wall and CPU
seconds. Like keras-io's code, its side calls the networks without ``training=True``, which in Keras 3 leaves
the discriminator's dropout off.

    python benchmarks/gan_step_time.py [--steps 20] [--rounds 3] [--batch-sizes 20,64]
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
            d_loss = self.bce(labels, self.discriminator(combined))
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply_gradients(zip(grads, self.discriminator.trainable_weights))
        latents = keras.random.normal((batch, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            g_loss = self.bce(ops.zeros((batch, 1)), self.discriminator(self.generator(latents)))
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_weights))
        return {"d_loss": d_loss, "g_loss": g_loss}


def seconds_per_step(model, batches):
    """Median (wall, CPU) seconds of one ``train_on_batch`` over ``batches`` (after a warm-up step that compiles)."""
    model.train_on_batch(batches[0])
    seconds = []
    for batch in batches:
        wall, cpu = time.perf_counter(), time.process_time()
        model.train_on_batch(batch)
        seconds.append((time.perf_counter() - wall, time.process_time() - cpu))
    return np.median(seconds, axis=0)


def compare(batch_size, steps, rounds):
    """Median (wall, CPU) seconds per step of each side, over ``rounds`` alternating blocks of ``steps``."""
    settings = {**PRESETS["book"], "batch_size": batch_size}
    batches = np.random.default_rng(0).uniform(-1, 1, (steps, batch_size, *SHAPE)).astype("float32")
    genlab_gan = build_model(settings, SHAPE, seed=0)
    reference = build_model(settings, SHAPE, seed=0)
    keras_io = KerasIoGAN(reference.generator, reference.discriminator, settings["latent_dim"])
    keras_io.compile(keras.optimizers.RMSprop(settings["d_learning_rate"], clipvalue=settings["clipvalue"]),
                     keras.optimizers.RMSprop(settings["g_learning_rate"], clipvalue=settings["clipvalue"]))
    times = {"genlab": [], "keras-io": []}
    for _ in range(rounds):
        times["genlab"].append(seconds_per_step(genlab_gan, batches))
        times["keras-io"].append(seconds_per_step(keras_io, batches))
    return {name: np.median(values, axis=0) for name, values in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-sizes", default=f"{PRESETS['book']['batch_size']},64")
    args = parser.parse_args()
    print("| batch | keras-io ms/step (CPU ms) | genlab ms/step (CPU ms) | keras-io ÷ genlab (CPU) |\n|---|---|---|---|")
    for batch_size in map(int, args.batch_sizes.split(",")):
        times = compare(batch_size, args.steps, args.rounds)
        (their_wall, their_cpu), (our_wall, our_cpu) = times["keras-io"], times["genlab"]
        print(f"| {batch_size} | {their_wall * 1000:.0f} ({their_cpu * 1000:.0f}) | {our_wall * 1000:.0f} "
              f"({our_cpu * 1000:.0f}) | {their_wall / our_wall:.2f}× ({their_cpu / our_cpu:.2f}×) |", flush=True)


if __name__ == "__main__":
    main()
