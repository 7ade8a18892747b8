"""A video clip genlab can read: its frame rate, frame size and length, checked before any work is done, from
a video file (through ffmpeg) or a folder of frames. Whatever is wrong with the file is one line naming it."""

import re
from dataclasses import dataclass
from pathlib import Path

from genlab import ranges
from genlab.errors import GenlabError
from genlab.images import list_images, load_image
from genlab.images.load import DEFAULT_MAX_PIXELS
from genlab.video.ffmpeg import first_frame_decodes, ffmpeg_header

#: File names taken for video (anything else with a suffix is taken for a photo).
VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi")
#: The frame rate of a folder of frames, unless told otherwise.
FOLDER_FPS = 24.0

_VIDEO_STREAM = re.compile(r"Stream #\d+:\d+.*?: Video: (?P<codec>\S+)(?P<rest>.*)")
_SIZE = re.compile(r"\b(\d{2,5})x(\d{2,5})\b")
_FPS = re.compile(r"([\d.]+) (?:fps|tbr)\b")
_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_ROTATION = re.compile(r"rotation of (-?[\d.]+) degrees")


@dataclass(frozen=True)
class Clip:
    """The part of a clip to read: ``start`` and ``duration`` in seconds (None: from the beginning, to the
    end) and every ``every``-th frame. ``size`` is (width, height) as the frames are shown (a phone clip's
    rotation applied); ``seconds`` is the length of the part, None where the file does not say."""

    path: Path
    fps: float
    size: tuple[int, int]
    seconds: float | None
    has_audio: bool
    start: float = 0.0
    duration: float | None = None
    every: int = 1

    @property
    def is_folder(self):
        return self.path.is_dir()

    @property
    def frame_count(self):
        """How many frames will be read (from the length, so about that many for a file), or None if unknown."""
        if self.seconds is None:
            return None
        return max(1, -(-round(self.seconds * self.fps) // self.every))

    @property
    def output_fps(self):
        """The frame rate of what is made of it: every ``every``-th frame kept, the clip's length unchanged."""
        return self.fps / self.every


def is_video(path):
    """Whether ``path`` names a video file or a folder of frames rather than a photo."""
    path = Path(path)
    return path.suffix.lower() in VIDEO_SUFFIXES or path.is_dir()


def open_clip(path, start=None, duration=None, every=1, fps=None, max_pixels=DEFAULT_MAX_PIXELS):
    """The clip at ``path`` (a video file, or a folder of frames shown at ``fps``, default 24), checked: it
    exists, ffmpeg can decode its video, its frames are at most ``max_pixels``, and ``start``/``duration``
    (seconds) fall inside it."""
    path = Path(path)
    ranges.COUNT.check("--every", every)
    start = ranges.NON_NEGATIVE.check("--start", start or 0.0)
    if duration is not None:
        ranges.POSITIVE.check("--duration", duration)
    if not path.exists():
        raise GenlabError(f"no such video: {path}")
    clip = _folder_clip(path, fps or FOLDER_FPS) if path.is_dir() else _file_clip(path)
    width, height = clip.size
    if width * height > max_pixels:
        raise GenlabError(f"{path} has {width}×{height} frames, more than the {max_pixels:,}-pixel limit")
    if clip.seconds is not None and start >= clip.seconds:
        raise GenlabError(f"--start {start:g} s is past the end of {path} ({clip.seconds:g} s)")
    if not path.is_dir() and not first_frame_decodes(path, start):
        raise GenlabError(f"{path} is truncated or damaged: ffmpeg can decode none of its frames"
                          + (f" from {start:g} s" if start else ""))
    seconds = None if clip.seconds is None else clip.seconds - start
    if duration is not None:
        seconds = duration if seconds is None else min(seconds, duration)
    return Clip(path, clip.fps, clip.size, seconds, clip.has_audio, start, duration, every)


def _file_clip(path):
    if not path.is_file():
        raise GenlabError(f"{path} is not a file")
    if path.stat().st_size == 0:
        raise GenlabError(f"{path} is empty")
    header = ffmpeg_header(path)
    stream = _VIDEO_STREAM.search(header)
    if "misdetection possible" in header:
        raise GenlabError(f"{path} is not a video ffmpeg can read")
    if "moov atom not found" in header:
        raise GenlabError(f"{path} is truncated or damaged: its index (moov atom) is missing")
    if "Invalid data found" in header or ("Input #0" not in header):
        raise GenlabError(f"{path} is not a video ffmpeg can read")
    if stream is None:
        raise GenlabError(f"{path} has no video stream")
    if stream["codec"] == "none" or "unknown codec" in header:
        fourcc = re.search(r"Video: none \((\w+)", header)
        raise GenlabError(f"{path} holds video in a codec ffmpeg cannot decode"
                          + (f" ({fourcc[1]!r})" if fourcc else ""))
    size, fps = _SIZE.search(stream["rest"]), _FPS.search(stream["rest"])
    if size is None or fps is None or float(fps[1]) <= 0:
        raise GenlabError(f"{path} does not say its frame size and rate")
    width, height = int(size[1]), int(size[2])
    rotation = _ROTATION.search(header)
    if rotation and round(float(rotation[1])) % 180:
        width, height = height, width  # ffmpeg turns a phone's portrait clip upright as it decodes
    duration = _DURATION.search(header)
    seconds = int(duration[1]) * 3600 + int(duration[2]) * 60 + float(duration[3]) if duration else None
    if not seconds:
        raise GenlabError(f"{path} has no frames")
    return Clip(path, float(fps[1]), (width, height), seconds, bool(re.search(r"Stream #\d+:\d+.*: Audio:", header)))


def _folder_clip(path, fps):
    ranges.FPS.check("--fps", fps)
    frames = list_images(path)
    if not frames:
        raise GenlabError(f"{path} holds no frames (images)")
    height, width = load_image(frames[0]).shape[:2]
    return Clip(path, float(fps), (width, height), len(frames) / fps, False)

