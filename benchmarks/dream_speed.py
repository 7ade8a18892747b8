"""DeepDream side by side: keras-io's own recipe (benchmarks/keras_io_deep_dream.py) against genlab's
``deep_dream``, on the same backbone, layers and settings, at three sizes.

Both sides run the book's settings (3 octaves ×1.4, 20 steps, max loss 10, the backbone's default layers) with
the same step in pixels (0.01 in the book's InceptionV3 units, converted to the backbone's input). Every
measurement runs in a fresh child process: it builds the backbone, dreams once with one step per octave so
that every shape is compiled (each side compiles as it compiles: keras-io's step once per shape, genlab's
gradient once per shape), then times the real dream in CPU seconds (all threads) and wall seconds, reads its
peak memory, and scores the saved 8-bit image with keras-io's own loss on the whole image (the objective both
sides maximise: higher is a stronger dream). keras-io's side runs on TensorFlow's own CPU allocator, as its
script does; importing genlab gives TensorFlow a pool allocator (``TF_CPU_ALLOCATOR_USE_BFC``), and
``--keras-io-pool`` gives keras-io's side the same. The 12-megapixel photo runs ``--big-steps`` steps per
octave on both sides, as a whole-image keras-io step takes about 40 s there. Rounds alternate sides.

    taskset -c 1 python benchmarks/dream_speed.py            # one core, as BENCHMARKS.md reports it
    taskset -c 1 python benchmarks/dream_speed.py --ablation # what made genlab's dream weaker before
    taskset -c 1 python benchmarks/dream_speed.py --ablation --sizes chelsea-12mp --variants "tile 4096"  # tiles
    taskset -c 1 python benchmarks/dream_speed.py --ablation --variants Lanczos \
        --sizes chelsea-400,coffee-1200,chelsea-1200,rocket-1200,astronaut-800  # the octaves' resizing
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

import genlab  # noqa: F401  (selects the backend)
from genlab.backbones import load_backbone
from genlab.dream import ascent, deep_dream
from genlab.dream import dream as dream_module
from genlab.dream.dream import book_unit
from genlab.dream.layers import default_layers
from genlab.images import load_image, resize, sample_photo, save_image

sys.path.insert(0, str(Path(__file__).parent))
from keras_io_deep_dream import KerasIoDeepDream  # noqa: E402

SIZES = {"chelsea-400": ("chelsea", 266, 400), "coffee-1200": ("coffee", 800, 1200),
         "chelsea-12mp": ("chelsea", 3000, 4000), "chelsea-1200": ("chelsea", 800, 1200),
         "rocket-1200": ("rocket", 800, 1200), "astronaut-800": ("astronaut", 800, 800)}
TIMED = "chelsea-400,coffee-1200,chelsea-12mp"  # the sizes of the speed table; the others check the objective


def loss_before_fix(extractor, weights):
    """genlab's loss until this benchmark's finding: divided by the border-cropped size of each map."""
    from keras import ops

    def loss(x):
        features = extractor(x)
        total = 0.0
        for name, weight in weights.items():
            activation = ops.cast(features[name], "float32")[:, 2:-2, 2:-2, :]
            total = total + weight * ops.sum(ops.square(activation)) / ops.cast(ops.prod(ops.shape(activation)), "float32")
        return total

    return loss


VARIANTS = {  # name → (deep_dream options, loss, octave resize); "genlab" is the library as it is
    "genlab": ({}, None, None),
    "genlab --jitter 32": ({"jitter": 32}, None, None),
    "genlab, loss over the cropped size": ({}, loss_before_fix, None),
    "genlab before (cropped size, jitter 32, 512-px tiles)": ({"jitter": 32, "tile": 512}, loss_before_fix, None),
    "genlab, Lanczos octaves": ({}, None, resize),
    "genlab --tile 4096": ({"tile": 4096}, None, None),
}


def child(side, size, steps, out):
    photo_name, height, width = SIZES[size]
    photo = resize(load_image(sample_photo(photo_name)), (height, width))
    network = load_backbone("mobilenet_v2")
    layers = default_layers(network.name)
    keras_io = KerasIoDeepDream(network, layers)
    step = 0.01 * book_unit(network)
    if side == "keras-io":
        dream = lambda iterations: keras_io.dream(photo, step=step, iterations=iterations)  # noqa: E731
    else:
        options, loss, octave_resize = VARIANTS[side]
        if loss is not None:
            ascent.activation_loss = loss
        if octave_resize is not None:
            dream_module.resize_octave = octave_resize
        dream = lambda iterations: np.clip(np.round(  # noqa: E731
            deep_dream(photo, backbone=network, layers=layers, steps=iterations, seed=0, **options).image), 0, 255)
    dream(1)
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    cpu, wall = time.process_time(), time.perf_counter()
    image = dream(steps).astype("uint8")
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_gib, page_faults = usage.ru_maxrss / 2**20, usage.ru_minflt - faults
    objective = float(keras_io.compute_loss(np.asarray(network.preprocess(image.astype("float32")))[None]))
    if out:
        save_image(Path(out) / f"{size}-{side.split()[0].replace(',', '')}.png", image)
    print(json.dumps({"cpu": cpu, "wall": wall, "peak_gib": peak_gib, "page_faults": page_faults,
                      "objective": objective, "pixel_change": float(np.mean(np.abs(image - photo)))}))


def measure(side, size, steps, out, keras_io_pool=False):
    command = [sys.executable, __file__, "--child", side, size, str(steps)] + (["--out", out] if out else [])
    environ = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    if side == "keras-io":  # TensorFlow's own allocator, as keras-io's script runs, unless asked otherwise
        environ["TF_CPU_ALLOCATOR_USE_BFC"] = "true" if keras_io_pool else "false"
    result = subprocess.run(command, capture_output=True, text=True, env=environ)
    if result.returncode:
        sys.exit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds per side at the two small sizes")
    parser.add_argument("--big-steps", type=int, default=4, help="steps per octave at 12 MP (default 4)")
    parser.add_argument("--sizes", help=f"which of {', '.join(SIZES)} (default: {TIMED}; chelsea-400 with "
                        "--ablation)")
    parser.add_argument("--ablation", action="store_true", help="genlab's variants, one round each, instead")
    parser.add_argument("--variants", default="", help="with --ablation: only the variants whose names contain "
                        "this text, beside keras-io and genlab")
    parser.add_argument("--out", help="folder for the dreamed images")
    parser.add_argument("--keras-io-pool", action="store_true",
                        help="give keras-io's side the pool allocator that importing genlab sets for genlab's")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        side, size, steps = args.child
        return child(side, size, int(steps), args.out)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    if args.ablation:
        print("| photo | side | CPU s | objective | mean pixel change |\n|---|---|---|---|---|")
        for size in (args.sizes or "chelsea-400").split(","):
            photo, height, width = SIZES[size]
            for side in ["keras-io", *(name for name in VARIANTS if name == "genlab" or args.variants in name)]:
                steps = args.big_steps if size == "chelsea-12mp" else 20
                result = measure(side, size, steps, args.out)
                print(f"| {photo} {width}×{height} | {side} | {result['cpu']:.2f} | {result['objective']:.4f} | "
                      f"{result['pixel_change']:.1f} |", flush=True)
        return
    print("| photo | steps/octave | keras-io CPU s (wall) | genlab CPU s (wall) | genlab ÷ keras-io | "
          "objective keras-io / genlab | peak GiB keras-io / genlab | page faults keras-io / genlab |\n"
          "|---|---|---|---|---|---|---|---|")
    for size in (args.sizes or TIMED).split(","):
        steps, rounds = (args.big_steps, 1) if size == "chelsea-12mp" else (20, args.rounds)
        runs = {"keras-io": [], "genlab": []}
        for _ in range(rounds):
            for side in runs:
                runs[side].append(measure(side, size, steps, args.out, args.keras_io_pool))
        theirs, ours = ({key: np.median([r[key] for r in runs[side]]) for key in runs[side][0]} for side in runs)
        _, height, width = SIZES[size]
        print(f"| {size.split('-')[0]} {width}×{height} | {steps} | {theirs['cpu']:.2f} ({theirs['wall']:.2f}) | "
              f"{ours['cpu']:.2f} ({ours['wall']:.2f}) | {ours['cpu'] / theirs['cpu']:.2f}× | "
              f"{theirs['objective']:.3f} / {ours['objective']:.3f} | "
              f"{theirs['peak_gib']:.2f} / {ours['peak_gib']:.2f} | "
              f"{theirs['page_faults']:,.0f} / {ours['page_faults']:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
