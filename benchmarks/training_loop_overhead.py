"""What genlab's training loop costs per step of the diffusion ``cpu`` preset on MNIST: wall, user and system
time and minor page faults, with and without TensorFlow's allocator setting.

The run trains a first epoch of ``--steps`` steps (compiling), then is resumed for ``--steps`` more, which are
measured (one sample grid included, as every epoch draws one). With ``--tensorflow-malloc`` the loop keeps the
allocator setting that TensorFlow's generator dataset makes (:func:`genlab.backend.reuse_freed_memory` is
skipped), as genlab did before. Run it on one core (``taskset -c 1``).

    python benchmarks/training_loop_overhead.py [--steps 40] [--tensorflow-malloc]
"""

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import genlab  # noqa: F401  (selects the backend)
from genlab import diffusion
from genlab.training import runs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--tensorflow-malloc", action="store_true")
    args = parser.parse_args()
    if args.tensorflow_malloc:
        runs.reuse_freed_memory = lambda: None
    folder = Path(tempfile.mkdtemp())
    quiet = {"report": lambda line: None, "run": folder / "run"}
    diffusion.train(steps=args.steps, steps_per_epoch=args.steps, seed=1, **quiet)
    before, started = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
    diffusion.train(resume=True, steps=2 * args.steps, **quiet)
    after, steps = resource.getrusage(resource.RUSAGE_SELF), args.steps
    shutil.rmtree(folder)
    setting = "TensorFlow's (128 kB trim threshold)" if args.tensorflow_malloc else "genlab's (freed memory reused)"
    print("| allocator setting | ms/step (wall) | user ms/step | system ms/step | minor page faults/step |")
    print("|---|---|---|---|---|")
    print(f"| {setting} | {1000 * (time.monotonic() - started) / steps:.0f} | "
          f"{1000 * (after.ru_utime - before.ru_utime) / steps:.0f} | "
          f"{1000 * (after.ru_stime - before.ru_stime) / steps:.0f} | "
          f"{(after.ru_minflt - before.ru_minflt) / steps:,.0f} |")


if __name__ == "__main__":
    main()
