"""The DCGAN ``cpu`` preset on MNIST: FID and KID (MobileNetV2 features) after every few minutes of training.

Training runs in segments of ``--every`` minutes (resumed exactly, so the segments add up to one run); after
each segment the generator is scored against real MNIST training digits and its fixed-latent grid is saved
as ``RUN/grid_MM.png``. Scoring time is not training time.

    python benchmarks/gan_cpu_preset.py [--minutes 15] [--every 3] [--samples 5000] [--run runs/gan-bench]
"""

import argparse
import shutil
import time
from pathlib import Path

import genlab  # noqa: F401  (selects the backend)
from genlab import gan
from genlab.metrics.image_distances import frechet_distance, kernel_distance
from genlab.metrics.image_features import feature_name, pooled_features

from mnist_scoring import real_digits


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=15.0)
    parser.add_argument("--every", type=float, default=3.0)
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--run", default="runs/gan-bench")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    run = Path(args.run)
    shutil.rmtree(run, ignore_errors=True)
    real = real_digits(args.samples)
    real_features = pooled_features(real, args.size, progress=False)
    rows, trained = [], 0.0
    while trained < args.minutes - 1e-9:
        segment = min(args.every, args.minutes - trained)
        started = time.monotonic()
        state = gan.train(run=run, resume=trained > 0, minutes=segment, steps=10**9, seed=args.seed,
                          report=lambda line: None)
        trained += (time.monotonic() - started) / 60.0
        model = gan.load(run)
        generated = gan.generate_images(model, args.samples, seed=0) / 255.0
        features = pooled_features(generated, args.size, progress=False)
        kid, kid_std = kernel_distance(features, real_features)
        rows.append((trained, state["step"], frechet_distance(features, real_features), kid, kid_std))
        shutil.copy(run / "samples" / "latest.png", run / f"grid_{round(trained):02d}.png")
        print(f"{trained:5.1f} min, step {state['step']:6d}: FID {rows[-1][2]:7.2f}, KID {kid:.4f} ± {kid_std:.4f}",
              flush=True)
    print(f"\nDCGAN cpu preset on MNIST ({args.samples} generated vs {args.samples} real training digits; "
          f"{feature_name(args.size)}):")
    print("| training minutes | steps | FID | KID |")
    print("|---|---|---|---|")
    for minutes, step, fid, kid, kid_std in rows:
        print(f"| {minutes:.1f} | {step:,} | {fid:.2f} | {kid:.4f} ± {kid_std:.4f} |")


if __name__ == "__main__":
    main()
