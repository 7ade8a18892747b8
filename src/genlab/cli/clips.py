"""What every command that takes a clip shares: which part of it to make (``--start``, ``--duration``,
``--every``, ``--fps`` for a folder of frames, ``--frame-blend`` where frames are optimised), the output's
check, and a progress line with the frames done and the time left."""

import argparse
import time
from pathlib import Path

from genlab import ranges
from genlab.cli.common import non_negative_float, number, positive_float, positive_int
from genlab.cli.output import result
from genlab.errors import GenlabError

#: The clip options and their defaults (a photo takes none of them).
CLIP_DEFAULTS = {"start": 0.0, "duration": None, "every": 1, "fps": None}


def photo_or_clip(name):
    """An argparse type: a photo or clip file that exists, a folder of frames, or a bundled photo's name."""
    from genlab.cli.photos import photo_path

    try:
        path = Path(photo_path(name))
    except GenlabError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not path.exists():
        raise argparse.ArgumentTypeError(f"no such photo or clip: {name}")
    return str(path)


def add_clip_arguments(parser, frame_blend=None):
    """The options of a command whose input may be a clip; ``frame_blend`` is the default of ``--frame-blend``
    for a technique that optimises each frame (None: it takes no such option)."""
    group = parser.add_argument_group("video (when the input is a clip: .mp4, .mov, .mkv, .webm, .avi or a folder "
                                      "of frames; the output then ends in .mp4, .mov or .mkv, or names a folder)")
    group.add_argument("--start", type=non_negative_float, default=0.0, help="seconds into the clip (default 0)")
    group.add_argument("--duration", type=positive_float, help="seconds of it to make (default: to its end)")
    group.add_argument("--every", type=positive_int, default=1,
                       help="make every Nth frame only, a quick preview at 1/N of the frame rate (default 1)")
    group.add_argument("--fps", type=number(ranges.FPS), help="frame rate of a folder of frames (default 24)")
    if frame_blend is not None:
        group.add_argument("--frame-blend", type=number(ranges.FRACTION), default=frame_blend,
                           help="how much of the previous frame's result each frame starts from, against flicker "
                                f"(0: each frame alone; default {frame_blend:g})")


def clip_options(args):
    """The keyword arguments of the library's clip functions, from ``add_clip_arguments``' options, with a
    progress line."""
    return {**{name: getattr(args, name) for name in CLIP_DEFAULTS}, "progress": frame_progress()}


def refuse_clip_options(args):
    """A photo takes no clip option: refuse one that was given, rather than ignore it."""
    given = [name for name, default in CLIP_DEFAULTS.items() if getattr(args, name) != default]
    if given:
        raise GenlabError(f"--{given[0]} applies to a clip (a video or a folder of frames), not to a photo")


def frame_progress():
    """``progress(done, total)`` for the clip functions: a bar of frames with the seconds left."""
    from genlab.progress import progress_bar

    began = time.perf_counter()
    bar = None

    def update(done, total):
        nonlocal bar
        total = max(total or done, done)
        if bar is None:
            bar = progress_bar(total, "frame", stateful=["s left"])
        left = (time.perf_counter() - began) / done * (total - done)
        bar.update(min(done, bar.target), [("s left", round(left))])

    return update


def report_clip(made):
    """Print what a clip function wrote."""
    result(f"wrote {made.path}: {made.frames} frames at {made.fps:g} fps in {made.seconds:.0f} s",
           {"result": str(made.path), "frames": made.frames, "fps": made.fps, "seconds": made.seconds})
