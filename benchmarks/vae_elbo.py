"""genlab's default VAE against the keras-io "Variational AutoEncoder" recipe, trained side by side on MNIST.

The recipe (keras.io/examples/generative/vae): encoder Conv2D(32, stride 2) → Conv2D(64, stride 2) → Dense(16);
decoder Dense(7·7·64) → Conv2DTranspose(64, stride 2) → Conv2DTranspose(32, stride 2) → Conv2DTranspose(1)
with a sigmoid; Adam at its default rate, batch 128, loss = the per-image summed cross-entropy + KL in its own
``train_step``. It is written here from that description, with one change: keras-io trains on all 70,000
digits, here both models train on the 60,000 training digits and are scored on the 10,000 held-out ones.

The two train in one process, alternating epoch by epoch, so that both see the same machine load. For each
epoch the table gives the training seconds (first to last batch: genlab's per-epoch held-out evaluation and
checkpoint are listed separately, as "+ extras") and the held-out −ELBO in nats per image, computed the same
way for both by ``genlab.metrics.elbo`` from each model's encoder and decoder logits, with the same noise.
genlab follows its preset (learning rate dropping tenfold after its ``drop_lr_after`` epochs).

    python benchmarks/vae_elbo.py [--epochs 22] [--latent-dim 2] [--precision float32]
"""

import argparse
import contextlib
import io
import tempfile
import time
from pathlib import Path

import genlab  # noqa: F401  (selects the backend)
import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

from genlab.datasets import load_mnist
from genlab.metrics.elbo import neg_elbo_nats
from genlab.vae.presets import DEFAULT_PRESET, resolve_settings
from genlab.vae.train import build_model, training_batches, training_fit

EVALUATION_BATCH = 500


class TrainingTimer(keras.callbacks.Callback):
    """Seconds from the start of each epoch to the end of its last training batch."""

    def __init__(self):
        super().__init__()
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()
        self.seconds.append(0.0)

    def on_train_batch_end(self, batch, logs=None):
        self.seconds[-1] = time.perf_counter() - self.started


class Sampling(layers.Layer):
    def __init__(self, seed, **kwargs):
        super().__init__(**kwargs)
        self.noise = keras.random.SeedGenerator(seed)

    def call(self, z_mean, z_log_var):
        return z_mean + ops.exp(0.5 * z_log_var) * keras.random.normal(ops.shape(z_mean), seed=self.noise)


class KerasIoVAE(keras.Model):
    """The keras-io recipe; the decoder's last layer is split into logits + sigmoid so both can be scored."""

    def __init__(self, latent_dim, seed, **kwargs):
        super().__init__(**kwargs)
        images = keras.Input((28, 28, 1))
        x = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(images)
        x = layers.Conv2D(64, 3, strides=2, padding="same", activation="relu")(x)
        x = layers.Dense(16, activation="relu")(layers.Flatten()(x))
        self.encoder = keras.Model(images, [layers.Dense(latent_dim)(x), layers.Dense(latent_dim)(x)])
        z = keras.Input((latent_dim,))
        x = layers.Reshape((7, 7, 64))(layers.Dense(7 * 7 * 64, activation="relu")(z))
        x = layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu")(x)
        x = layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu")(x)
        logits = layers.Conv2DTranspose(1, 3, padding="same")(x)
        self.decoder_logits = keras.Model(z, logits)
        self.decoder = keras.Model(z, layers.Activation("sigmoid")(logits))
        self.sampling = Sampling(seed)
        self.trackers = [keras.metrics.Mean(name=name) for name in ("loss", "reconstruction", "kl")]

    @property
    def metrics(self):
        return self.trackers

    def train_step(self, images):
        with tf.GradientTape() as tape:
            z_mean, z_log_var = self.encoder(images, training=True)
            reconstruction = self.decoder(self.sampling(z_mean, z_log_var), training=True)
            reconstruction_loss = ops.mean(ops.sum(keras.losses.binary_crossentropy(images, reconstruction), axis=(1, 2)))
            kl = ops.mean(ops.sum(-0.5 * (1 + z_log_var - ops.square(z_mean) - ops.exp(z_log_var)), axis=1))
            loss = reconstruction_loss + kl
        gradients = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
        for tracker, value in zip(self.trackers, (loss, reconstruction_loss, kl)):
            tracker.update_state(value)
        return {tracker.name: tracker.result() for tracker in self.trackers}


def held_out_neg_elbo(encoder, decoder_logits, images, noise):
    """Mean −ELBO in nats per image, with one z per image drawn from ``noise`` (shared by both models)."""
    total = 0.0
    for start in range(0, len(images), EVALUATION_BATCH):
        batch = images[start : start + EVALUATION_BATCH]
        z_mean, z_log_var = (np.asarray(t, "float32") for t in encoder.predict_on_batch(batch))
        z = z_mean + np.exp(0.5 * z_log_var) * noise[start : start + len(batch), : z_mean.shape[1]]
        logits = np.asarray(decoder_logits.predict_on_batch(z), "float32")
        total += float(ops.sum(neg_elbo_nats(batch, logits, z_mean, z_log_var)[0]))
    return total / len(images)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, help="epochs for both (default: the genlab preset's)")
    parser.add_argument("--latent-dim", type=int, default=2)
    parser.add_argument("--precision", help="genlab's precision (default: the preset's)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    train_images, test_images = load_mnist("train").images, load_mnist("test").images
    noise = np.random.default_rng(args.seed).normal(size=(len(test_images), args.latent_dim)).astype("float32")

    settings = resolve_settings(DEFAULT_PRESET, {"latent_dim": args.latent_dim, "precision": args.precision})
    epochs = args.epochs or settings["epochs"]
    keras.utils.set_random_seed(args.seed)
    batches = training_batches(train_images, settings["batch_size"], args.seed)
    genlab_model = build_model(train_images.shape[1:], settings, args.seed, batches.steps_per_pass)
    keras.utils.set_random_seed(args.seed)
    baseline = KerasIoVAE(args.latent_dim, args.seed)
    baseline.compile(optimizer=keras.optimizers.Adam())
    genlab_timer, baseline_timer = TrainingTimer(), TrainingTimer()
    print(f"MNIST, latent {args.latent_dim}, {epochs} epochs · genlab preset {DEFAULT_PRESET} "
          f"({settings['precision']}, batch {settings['batch_size']}) vs keras-io recipe (float32, batch 128)")
    print("epoch | genlab s (+ extras) | genlab test −ELBO | keras-io s | keras-io test −ELBO", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        state = {"settings": settings, "seed": args.seed, "history": [], "step": 0}
        fit = training_fit(genlab_model, state, batches, test_images, Path(folder) / "model.keras",
                           report=lambda *_: None)
        fit.callbacks.append(genlab_timer)
        for epoch in range(1, epochs + 1):
            started = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                fit.run(epochs=epoch)
            genlab_epoch = time.perf_counter() - started
            baseline.fit(train_images, batch_size=128, initial_epoch=epoch - 1, epochs=epoch, verbose=0,
                         callbacks=[baseline_timer])
            genlab_elbo = held_out_neg_elbo(genlab_model.encoder, genlab_model.decoder, test_images, noise)
            baseline_elbo = held_out_neg_elbo(baseline.encoder, baseline.decoder_logits, test_images, noise)
            print(f"{epoch} | {genlab_timer.seconds[-1]:.1f} (+ {genlab_epoch - genlab_timer.seconds[-1]:.1f}) | "
                  f"{genlab_elbo:.2f} | {baseline_timer.seconds[-1]:.1f} | {baseline_elbo:.2f}", flush=True)
    print(f"genlab {DEFAULT_PRESET} preset: {np.median(genlab_timer.seconds):.1f} s/epoch (median), test −ELBO "
          f"{genlab_elbo:.2f} nats/image · keras-io recipe: {np.median(baseline_timer.seconds):.1f} s/epoch, "
          f"test −ELBO {baseline_elbo:.2f} nats/image (MNIST, latent {args.latent_dim}, {epochs} epochs)")


if __name__ == "__main__":
    main()
