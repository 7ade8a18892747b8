"""Making a clip of a clip, frame by frame: what style transfer and DeepDream do to video. Frames stream from
the reader through the technique to the writer, so memory does not grow with the clip's length."""

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from genlab.video.clip import Clip, open_clip
from genlab.video.motion import estimate_shift, moved
from genlab.video.read import read_frames
from genlab.video.write import ClipWriter


@dataclass(frozen=True)
class Transformed:
    """What :func:`transform_clip` wrote: where, how many frames, at what rate, and the seconds it took."""

    path: Path
    frames: int
    fps: float
    seconds: float


def transform_clip(source, output, per_frame, start=None, duration=None, every=1, fps=None, progress=None,
                   follow_motion=False):
    """Write to ``output`` (a video file, or a folder for PNG frames) ``per_frame(frame, previous)`` of every
    ``every``-th frame of ``source`` (a path or a :class:`Clip`) from ``start`` for ``duration`` seconds;
    ``previous`` is the last result (None for the first frame), with ``follow_motion`` moved as the picture
    moved from the last frame to this one (:mod:`genlab.video.motion`). The frame rate is ``source``'s divided
    by ``every``, the length and the audio are kept. ``progress(done, total)`` follows the frames (total None
    when unknown). Ctrl-C keeps what was made as a playable ``NAME.partial.mp4`` and says so."""
    clip = source if isinstance(source, Clip) else open_clip(source, start, duration, every, fps)
    began = time.perf_counter()
    previous = last_frame = None
    writer = ClipWriter(output, clip.output_fps, audio_from=clip)
    try:
        with writer:
            for frame in read_frames(clip):
                if follow_motion and previous is not None:
                    previous = moved(previous, estimate_shift(last_frame, frame), fill=frame)
                previous, last_frame = per_frame(frame, previous), frame
                writer.write(previous)
                if progress is not None:
                    progress(writer.written, clip.frame_count)
    except KeyboardInterrupt:
        kept = f"kept the {writer.written} frames made as {writer.kept}" if writer.kept else "nothing was written"
        raise KeyboardInterrupt(f"interrupted: {kept}") from None
    return Transformed(Path(output), writer.written, clip.output_fps, time.perf_counter() - began)


def blended(frame, previous, blend):
    """Where a frame's optimisation starts on video: the new ``frame`` mixed with the ``previous`` frame's
    result, ``blend`` of the latter (0: the frame alone, as for a photo), so that the patterns found on one
    frame carry on to the next instead of starting afresh (the usual remedy for flicker)."""
    if previous is None or not blend:
        return frame
    return ((1.0 - blend) * frame + blend * previous).astype(np.float32)
