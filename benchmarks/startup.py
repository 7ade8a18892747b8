"""Start-up time of the command line: the whole process, timed from outside, median of ``--repeats``.

    python benchmarks/startup.py                       # this checkout
    python benchmarks/startup.py --src /tmp/old/src    # another checkout's sources, for a before/after
"""

import argparse
import os
import resource
import subprocess
import sys
import time

import numpy as np

COMMANDS = {
    "genlab assets list": ["assets", "list"],
    "genlab --help": ["--help"],
    "a missing photo (genlab dream missing.jpg -o out.png)": ["dream", "missing.jpg", "-o", "out.png"],
    "a missing model (genlab text generate missing.keras)": ["text", "generate", "missing.keras"],
}


def timed(arguments, src):
    env = {**os.environ, "PYTHONPATH": src} if src else os.environ
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "genlab", *arguments], capture_output=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", help="the src folder of the genlab to time (default: the installed one)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print("| command | wall s (median) | CPU s (median) |\n|---|---|---|")
    for label, arguments in COMMANDS.items():
        wall, cpu = np.median([timed(arguments, args.src) for _ in range(args.repeats)], axis=0)
        print(f"| {label} | {wall:.2f} | {cpu:.2f} |", flush=True)


if __name__ == "__main__":
    main()
