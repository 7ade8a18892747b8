"""DeepDream speed: genlab (random shift + tiled gradients) vs a straightforward keras-io-style loop.

Both use the same backbone, layers, loss, image (skimage's chelsea resized to 400 px wide) and the book's
settings (20 steps of 0.01 per octave, 3 octaves ×1.4, max loss 10). The keras-io loop is a compiled
``tf.function`` gradient step called once per iteration on the whole image, without tiling or jitter.
Then the peak memory of a 4000×3000 dream (tiled; 2 steps per octave) is measured in a child process.

    python benchmarks/dream_speed.py [--backbone mobilenet_v2]
"""

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab.backbones import load_backbone
from genlab.dream import deep_dream
from genlab.dream.ascent import activation_loss
from genlab.dream.dream import book_unit, octave_shapes
from genlab.dream.layers import default_layers
from genlab.images import load_image, resize, sample_photo


def keras_io_dream(network, image, layers, steps=20, step_size=0.01, octaves=3, scale=1.4, max_loss=10.0):
    """The keras-io DeepDream recipe (TensorFlow), with the same loss and octave/re-injection schedule."""
    import tensorflow as tf

    loss_fn = activation_loss(network.feature_extractor(list(layers)), layers)

    @tf.function
    def gradient_ascent_step(x, learning_rate):
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = loss_fn(x)
        grads = tape.gradient(loss, x)
        grads /= tf.maximum(tf.reduce_mean(tf.abs(grads)), 1e-7)
        return loss, x + learning_rate * grads

    learning_rate = step_size * book_unit(network)
    original = np.asarray(network.preprocess(image))[None]
    shapes = octave_shapes(*image.shape[:2], octaves, scale)
    shrunk = tf.image.resize(original, shapes[0])
    x = tf.identity(shrunk)
    for shape in shapes:
        x = tf.image.resize(x, shape)
        for _ in range(steps):
            loss, x = gradient_ascent_step(x, learning_rate)
            if loss > max_loss:
                break
        same_size = tf.image.resize(original, shape)
        x += same_size - tf.image.resize(shrunk, shape)
        shrunk = same_size
    return np.asarray(network.deprocess(x[0]))


def timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def peak_memory_child(backbone, height, width, steps):
    photo = resize(load_image(sample_photo("chelsea")), (height, width))
    started = time.perf_counter()
    deep_dream(photo, backbone=backbone, steps=steps, seed=0)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": time.perf_counter() - started, "peak_gib": peak_kib / 2**20}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backbone", default="mobilenet_v2")
    parser.add_argument("--big-steps", type=int, default=2)
    parser.add_argument("--child", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        peak_memory_child(args.backbone, *args.child)
        return
    network = load_backbone(args.backbone)
    layers = default_layers(network.name)
    photo = load_image(sample_photo("chelsea"))
    photo = resize(photo, (round(photo.shape[0] * 400 / photo.shape[1]), 400))
    for _ in range(2):  # the first round compiles; the second is timed
        ours = timed(lambda: deep_dream(photo, backbone=network, layers=layers, seed=0))
        theirs = timed(lambda: keras_io_dream(network, photo, layers))
    print(f"{args.backbone}, {photo.shape[1]}×{photo.shape[0]}, 3 octaves × 20 steps:")
    print(f"keras-io loop (whole image, no jitter):   {theirs:.2f} s")
    print(f"genlab (jitter + 512-px tiles):           {ours:.2f} s  ({theirs / ours:.2f}× the keras-io speed)")
    result = subprocess.run([sys.executable, __file__, "--backbone", args.backbone, "--child", "3000", "4000",
                             str(args.big_steps)], capture_output=True, text=True, check=True)
    big = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"4000×3000, {args.big_steps} steps per octave: {big['seconds']:.0f} s, peak memory {big['peak_gib']:.2f} GiB")


if __name__ == "__main__":
    main()
