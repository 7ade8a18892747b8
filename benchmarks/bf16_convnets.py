"""Does bfloat16 mixed precision speed up the convnets on this CPU (AVX512-BF16, AMX)?

Times the input gradient (what DeepDream and style transfer compute every step) of MobileNetV2 and VGG16
at 400×600, built under ``float32`` and under ``mixed_bfloat16``, each in its own process.

    python benchmarks/bf16_convnets.py [--repeats 5]
"""

import argparse
import os
import subprocess
import sys
import time


def child(backbone, policy, repeats):
    import keras
    import numpy as np
    from keras import ops

    import genlab  # noqa: F401
    from genlab.backbones import load_backbone
    from genlab.backend import value_and_input_gradient

    keras.mixed_precision.set_dtype_policy(policy)
    network = load_backbone(backbone)
    extractor = network.model
    gradient = value_and_input_gradient(
        lambda x: sum(ops.mean(ops.square(ops.cast(v, "float32"))) for v in extractor(x).values()))
    x = np.random.default_rng(0).normal(size=(1, 400, 600, 3)).astype("float32")
    gradient(x)
    started = time.perf_counter()
    for _ in range(repeats):
        gradient(x)
    print((time.perf_counter() - started) / repeats)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.repeats)
        return
    print("backbone | float32 s/gradient | mixed_bfloat16 s/gradient | speed-up")
    for backbone in ("mobilenet_v2", "vgg16"):
        times = []
        for policy in ("float32", "mixed_bfloat16"):
            result = subprocess.run([sys.executable, __file__, "--child", backbone, policy, "--repeats",
                                     str(args.repeats)], capture_output=True, text=True, env=os.environ)
            times.append(float(result.stdout.strip().splitlines()[-1]) if result.returncode == 0 else float("nan"))
        print(f"{backbone} | {times[0]:.3f} | {times[1]:.3f} | {times[0] / times[1]:.2f}×", flush=True)


if __name__ == "__main__":
    main()
