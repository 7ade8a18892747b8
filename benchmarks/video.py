"""Video: flicker, speed and memory of genlab's clip commands (BENCHMARKS.md, "Video").

A synthetic clip pans slowly over skimage's chelsea (2 pixels a frame) with two discs crossing it, so the
camera's motion is known and can be taken out of the flicker (``genlab.metrics.flicker``). Each measure runs in
this process, one after the other; CPU seconds count ffmpeg's as well.

    python benchmarks/video.py flicker-dream [--frames 24] [--size 320x180] [--preview twins.gif]
    python benchmarks/video.py flicker-style STYLE [--frames 12] [--size 192x108] [--height 108]
    python benchmarks/video.py flicker-fast --networks RUN,RUN [--frames 24] [--size 320x180] [--preview twins.gif]
    python benchmarks/video.py speed [--width 32] [--frames 48]       # fast style at 640×360, untrained network
    python benchmarks/video.py memory [--seconds 5,30]                 # peak RSS of 1080p clips
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from genlab import dream, images, style, video
from genlab.metrics.flicker import flicker
from genlab.video.synthetic import write_pan_clip

PAN = 2


def cpu_seconds():
    """CPU seconds of this process and of its finished children (ffmpeg)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def size_of(text):
    width, height = text.split("x")
    return int(width), int(height)


def pan_clip(folder, frames, size, fps=24):
    return write_pan_clip(images.load_image(images.sample_photo("chelsea")), folder / "pan.mp4", frames, size, fps,
                          PAN)


def frames_of(path):
    return list(video.read_frames(video.open_clip(path)))


def timed(make):
    wall, cpu = time.perf_counter(), cpu_seconds()
    made = make()
    return made, time.perf_counter() - wall, cpu_seconds() - cpu


def flicker_dream(args, folder):
    from genlab.backbones import load_backbone

    source = pan_clip(folder, args.frames, size_of(args.size))
    inputs = frames_of(source)
    base = flicker(inputs, PAN)
    network = load_backbone("mobilenet_v2")
    print(f"input: flicker {base:.2f}")
    made_by_blend = {}
    print("| frame blend | flicker ÷ input's | mean change from the input | wall s | CPU s |")
    print("|---|---|---|---|---|")
    for blend in args.blends:
        made, wall, cpu = timed(lambda: dream.dream_clip(source, folder / f"dream-{blend}.mp4", frame_blend=blend,
                                                         backbone=network, steps=args.steps, octaves=args.octaves,
                                                         seed=0))
        outputs = frames_of(made.path)
        change = np.mean([np.mean(np.abs(o - i)) for o, i in zip(outputs, inputs)])
        print(f"| {blend:g} | {flicker(outputs, PAN) / base:.2f} | {change:.1f} | {wall:.0f} | {cpu:.0f} |",
              flush=True)
        made_by_blend[blend] = outputs
    if args.preview:
        first, last = made_by_blend[args.blends[0]], made_by_blend[args.blends[-1]]
        images.save_gif(args.preview, [np.concatenate([a, b], axis=1) for a, b in zip(first, last)],
                        duration_ms=1000 // 12)
        print(f"wrote {args.preview}: frame blend {args.blends[0]:g} (left) and {args.blends[-1]:g} (right)")


def flicker_style(args, folder):
    from fast_style import scores  # the book's content and style terms, as the fast-style benchmark scores

    from genlab.backbones import load_backbone

    source = pan_clip(folder, args.frames, size_of(args.size))
    inputs = frames_of(source)
    painting = images.load_image(args.style if Path(args.style).exists() else images.sample_photo(args.style))
    network = load_backbone("vgg16")
    base = flicker(inputs, PAN)
    print(f"input: flicker {base:.2f}")
    print("| frame blend | flicker ÷ input's | mean style loss | mean content loss | wall s | CPU s |")
    print("|---|---|---|---|---|---|")
    for blend in args.blends:
        made, wall, cpu = timed(lambda: style.transfer_clip(source, [painting], folder / f"style-{blend}.mp4",
                                                            frame_blend=blend, backbone=network, height=args.height,
                                                            rounds=args.rounds, seed=0))
        outputs = frames_of(made.path)
        losses = np.mean([scores(network, i, painting, o) for i, o in zip(inputs, outputs)], axis=0)
        print(f"| {blend:g} | {flicker(outputs, PAN) / base:.2f} | {losses[1]:.4g} | {losses[0]:.4g} | {wall:.0f} "
              f"| {cpu:.0f} |", flush=True)


def flicker_fast(args, folder):
    """Each trained network of ``--networks`` (run folders) over the same pan: its flicker, and the book's
    style and content terms of each output frame against its input frame and the run's own style image."""
    from fast_style import scores

    from genlab.backbones import load_backbone
    from genlab.training.checkpoint import load_checkpoint

    source = pan_clip(folder, args.frames, size_of(args.size))
    inputs = frames_of(source)
    network = load_backbone("vgg16")
    base = flicker(inputs, PAN)
    print(f"input: flicker {base:.2f}")
    print("| network | flicker ÷ input's | mean style loss | mean content loss | fps |")
    print("|---|---|---|---|---|")
    made_by_run = []
    for run in args.networks:
        painting = images.load_image(load_checkpoint(Path(run) / "model.keras")[1]["style"])
        net = style.load_fast(run, report=lambda line: None)
        style.apply_fast_clip(net, source, folder / "warm.mp4", duration=2 / 24, report=lambda line: None)
        made, wall, _ = timed(lambda: style.apply_fast_clip(net, source, folder / "fast.mp4", report=lambda _: None))
        outputs = frames_of(made.path)
        losses = np.mean([scores(network, i, painting, o) for i, o in zip(inputs, outputs)], axis=0)
        print(f"| {run} | {flicker(outputs, PAN) / base:.2f} | {losses[1]:.4g} | {losses[0]:.4g} | "
              f"{made.frames / wall:.2f} |", flush=True)
        made_by_run.append(outputs)
    if args.preview:
        images.save_gif(args.preview, [np.concatenate([a, b], axis=1) for a, b in zip(made_by_run[0], made_by_run[-1])],
                        duration_ms=1000 // 12)
        print(f"wrote {args.preview}: {args.networks[0]} (left) and {args.networks[-1]} (right)")


def speed(args, folder):
    from genlab.style.fast import build_trainer

    source = pan_clip(folder, args.frames, (640, 360))
    net = build_trainer(width=args.width)
    style.apply_fast_clip(net, source, folder / "warm.mp4", duration=2 / 24, report=lambda line: None)  # compile
    made, wall, cpu = timed(lambda: style.apply_fast_clip(net, source, folder / "fast.mp4", report=lambda line: None))
    print(f"| fast style, width {args.width}, 640×360 | {made.frames} frames | {made.frames / wall:.2f} fps | "
          f"{wall:.1f} s wall | {cpu:.1f} s CPU |")


def memory(args, folder):
    """Peak resident memory of `genlab style apply` (the Python process and its ffmpegs together) on 1080p clips
    of ``--seconds`` seconds, every 10th frame stylised (every frame is still decoded)."""
    from genlab.style.fast import build_trainer
    from genlab.training.checkpoint import save_checkpoint

    net = folder / "net.keras"
    record = {"style": "painting.png", "images": None, "crop": 16, "batch_size": 1, "weights": [1.0, 5.0, 0.01],
              "style_size": 16, "precision": "float32", "seed": 1, "step": 0, "history": []}
    save_checkpoint(build_trainer(width=8, residual_blocks=1), net, record)
    photo = images.load_image(images.sample_photo("chelsea"))
    print("| clip | frames decoded | peak RSS, MiB | wall s |")
    print("|---|---|---|---|")
    for seconds in args.seconds:
        clip = write_pan_clip(photo, folder / f"{seconds}s.mp4", 24 * seconds, (1920, 1080), 24, 1, shapes=False)
        command = [sys.executable, "-m", "genlab", "-q", "style", "apply", str(net), str(clip), "-o",
                   str(folder / f"out-{seconds}.mp4"), "--every", "10"]
        began = time.perf_counter()
        peak = peak_rss(subprocess.Popen(command))
        print(f"| 1080p, {seconds} s | {24 * seconds} | {peak / 2**20:.0f} | {time.perf_counter() - began:.0f} |",
              flush=True)


def peak_rss(process):
    """The largest resident memory of ``process`` and its children together, sampled every 0.1 s until it ends."""
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(rss(pid) for pid in [process.pid, *children(process.pid)]))
        time.sleep(0.1)
    if process.returncode:
        raise SystemExit(f"the command failed ({process.returncode})")
    return peak


def children(pid):
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in listed] + [grand for child in listed for grand in children(int(child))]


def rss(pid):
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    except (OSError, ValueError):
        return 0
    return int(fields.get("VmRSS", "0 kB").split()[0]) * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("measure", choices=("flicker-dream", "flicker-style", "flicker-fast", "speed", "memory"))
    parser.add_argument("style", nargs="?", help="the style image, a file or a bundled photo's name (flicker-style)")
    parser.add_argument("--frames", type=int, default=24)
    parser.add_argument("--size", default="320x180")
    parser.add_argument("--blends", type=lambda text: [float(v) for v in text.split(",")], default=[0.0, 0.5])
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--octaves", type=int, default=2)
    parser.add_argument("--height", type=int, default=108)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--width", type=int, default=32)
    parser.add_argument("--seconds", type=lambda text: [int(v) for v in text.split(",")], default=[5, 30],
                        help="memory: the clips' lengths")
    parser.add_argument("--networks", type=lambda text: text.split(","), help="flicker-fast: trained run folders")
    parser.add_argument("--preview", help="flicker-dream, flicker-fast: a GIF of the first and the last side by side")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        {"flicker-dream": flicker_dream, "flicker-style": flicker_style, "flicker-fast": flicker_fast, "speed": speed,
         "memory": memory}[args.measure](args, Path(folder))


if __name__ == "__main__":
    main()
