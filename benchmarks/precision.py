"""Is bfloat16 mixed precision faster than float32 on this CPU? The figures behind ``precision="auto"``.

For each piece of work that a precision setting governs, one step is timed under ``float32`` and under
``mixed_bfloat16`` (bfloat16 compute, float32 weights), each in its own process, in CPU and wall seconds
(median of ``--repeats`` after a warm-up step that compiles):

- the input gradient of MobileNetV2 and VGG16 at 400×600 (a DeepDream or Gatys step);
- a training step of the VAE's ``cpu`` preset (batch 32 of 28×28 digits);
- a training step of the fast style network (batch 4 of 256-px crops, perceptual loss through VGG16).

Run it once as is and once with oneDNN capped below bfloat16, which stands in for a laptop CPU:

    python benchmarks/precision.py
    ONEDNN_MAX_CPU_ISA=AVX2 python benchmarks/precision.py
"""

import argparse
import os
import subprocess
import sys
import time

CASES = ("mobilenet_v2 gradient", "vgg16 gradient", "vae step", "fast style step")


def backbone_gradient(name, policy):
    import numpy as np
    from keras import ops

    from genlab.backbones import load_backbone
    from genlab.backend import value_and_input_gradient

    extractor = load_backbone(name, precision=policy).model
    gradient = value_and_input_gradient(
        lambda x: sum(ops.mean(ops.square(ops.cast(v, "float32"))) for v in extractor(x).values()))
    x = np.random.default_rng(0).normal(size=(1, 400, 600, 3)).astype("float32")
    return lambda: gradient(x)


def vae_step(policy):
    import numpy as np

    from genlab.vae.presets import resolve_settings
    from genlab.vae.train import build_model

    model = build_model((28, 28, 1), resolve_settings("cpu", {"precision": policy}), 0, 100)
    x = np.random.default_rng(0).uniform(size=(32, 28, 28, 1)).astype("float32")
    return lambda: model.train_on_batch(x)


def fast_style_step(policy):
    import keras
    import numpy as np

    from genlab.backbones import load_backbone
    from genlab.images import load_image, resize_to_height, sample_photo
    from genlab.style.fast import FastStyleTrainer
    from genlab.style.perceptual import JohnsonLoss

    trainer = FastStyleTrainer()
    trainer.compile(optimizer=keras.optimizers.Adam(1e-3))
    style = resize_to_height(load_image(sample_photo("immunohistochemistry")), 512)
    trainer.perceptual = JohnsonLoss(load_backbone("vgg16", precision=policy), style, 1.0, 5.0, 0.01)
    x = np.random.default_rng(0).uniform(0, 255, size=(4, 256, 256, 3)).astype("float32")
    return lambda: trainer.train_on_batch(x)


def child(case, policy, repeats):
    import numpy as np

    import genlab  # noqa: F401  (selects the backend)

    name = case.split()[0]
    step = {"vae": vae_step, "fast": fast_style_step}.get(name) or (lambda p: backbone_gradient(name, p))
    step = step(policy)
    step()
    seconds = []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        step()
        seconds.append((time.perf_counter() - wall, time.process_time() - cpu))
    print(*np.median(seconds, axis=0))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child, args.repeats)
    from genlab.backend import bfloat16_is_fast

    print(f"bfloat16 in hardware here: {'yes' if bfloat16_is_fast() else 'no'} "
          f"(ONEDNN_MAX_CPU_ISA={os.environ.get('ONEDNN_MAX_CPU_ISA', 'unset')})")
    print("| step | float32 s (CPU s) | mixed_bfloat16 s (CPU s) | bfloat16 speed-up (CPU) |\n|---|---|---|---|")
    for case in CASES:
        times = []
        for policy in ("float32", "mixed_bfloat16"):
            result = subprocess.run([sys.executable, __file__, "--child", case, policy, "--repeats", str(args.repeats)],
                                    capture_output=True, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
            if result.returncode:
                sys.exit(result.stderr)
            times.append([float(v) for v in result.stdout.split()[-2:]])
        (f32_wall, f32_cpu), (bf16_wall, bf16_cpu) = times
        print(f"| {case} | {f32_wall:.3f} ({f32_cpu:.3f}) | {bf16_wall:.3f} ({bf16_cpu:.3f}) | "
              f"{f32_wall / bf16_wall:.2f}× ({f32_cpu / bf16_cpu:.2f}×) |", flush=True)


if __name__ == "__main__":
    main()
