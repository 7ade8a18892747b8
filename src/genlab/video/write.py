"""Writing a clip frame by frame: an MP4, MOV or MKV file (H.264, the source's audio kept) or a folder of PNG
frames. A file appears under its name only once it is complete; stopped by Ctrl-C, what was made is ended
properly and kept as ``NAME.partial.mp4``, a playable clip that says what it is, and a ``kill -9`` leaves at
most a hidden temporary file."""

import os
import secrets
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from genlab.errors import GenlabError
from genlab.images import save_image
from genlab.images.outputs import folder_output, writable
from genlab.video.ffmpeg import ffmpeg

#: The containers genlab writes → ffmpeg's name for them.
CONTAINERS = {".mp4": "mp4", ".m4v": "mp4", ".mov": "mov", ".mkv": "matroska"}
#: H.264's constant-quality setting: 18 is close to visually lossless.
QUALITY = 18


def video_output(path):
    """``path`` as a Path if a clip can be written there: a video name genlab writes (``.mp4``, ``.mov``,
    ``.mkv``) in a writable folder, or a folder for PNG frames (a name without a suffix)."""
    path = Path(path)
    if not path.suffix:
        return folder_output(path)
    if path.suffix.lower() not in CONTAINERS:
        raise GenlabError(f"cannot write a clip as {path}: the name must end in {', '.join(CONTAINERS)} "
                          f"(or have no suffix, for a folder of PNG frames)")
    return writable(path)


def partial_path(path):
    """Where a clip stopped by Ctrl-C is kept: ``NAME.partial.SUFFIX`` beside ``path``."""
    path = Path(path)
    return path.with_name(f"{path.stem}.partial{path.suffix}")


def write_clip(path, frames, fps):
    """Write ``frames`` (an iterable of images) to ``path`` (a video file or a folder) at ``fps``; return
    ``path``."""
    with ClipWriter(path, fps) as writer:
        for frame in frames:
            writer.write(frame)
    return Path(path)


class ClipWriter:
    """A context manager that writes frames (float RGB in [0, 255], all of one size) to ``path`` at ``fps``,
    with the audio of ``audio_from`` (a :class:`genlab.video.Clip`: the same part of its sound) where it has
    some. ``written`` counts the frames; after a Ctrl-C, ``kept`` is the playable partial clip (or None)."""

    def __init__(self, path, fps, audio_from=None):
        self.path = Path(path)
        self.fps = fps
        self.audio_from = audio_from if audio_from is not None and audio_from.has_audio else None
        self.written = 0
        self.kept = None
        self._encoder = None
        self._temporary = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
        self._errors = None

    @property
    def is_folder(self):
        return not self.path.suffix

    def __enter__(self):
        if self.is_folder:
            self.path.mkdir(parents=True, exist_ok=True)
        return self

    def write(self, frame):
        pixels = np.clip(np.round(frame), 0, 255).astype(np.uint8)
        if pixels.ndim == 2 or pixels.shape[-1] == 1:
            pixels = np.repeat(pixels.reshape(*pixels.shape[:2], 1), 3, axis=-1)
        if self.is_folder:
            save_image(self.path / f"frame-{self.written + 1:06d}.png", pixels)
        else:
            if self._encoder is None:
                self._start(pixels.shape[1], pixels.shape[0])
            try:
                self._encoder.stdin.write(pixels.tobytes())
            except BrokenPipeError:
                raise GenlabError(f"cannot write {self.path}: {self._said() or 'ffmpeg stopped'}") from None
        self.written += 1

    def _start(self, width, height):
        self._errors = tempfile.TemporaryFile()
        sound = self.audio_from
        audio_input = [] if sound is None else [
            *(["-ss", sound.start] if sound.start else []), *(["-t", sound.duration] if sound.duration else []),
            "-i", sound.path]
        audio_output = [] if sound is None else ["-map", "1:a:0", "-c:a", "aac", "-b:a", "192k", "-shortest"]
        self._encoder = ffmpeg(
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-framerate", self.fps, "-i", "pipe:0",
            *audio_input, "-map", "0:v:0", *audio_output,
            "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2",  # H.264's 4:2:0 needs even sides: an odd one gains a pixel
            "-c:v", "libx264", "-crf", QUALITY, "-pix_fmt", "yuv420p", "-movflags", "+faststart",
            "-f", CONTAINERS[self.path.suffix.lower()], "-y", self._temporary,
            stdin=subprocess.PIPE, stderr=self._errors)

    def _finish(self):
        """End the encoder; whether it wrote a complete file."""
        try:
            self._encoder.stdin.close()
        except BrokenPipeError:
            pass
        return self._encoder.wait() == 0

    def _said(self):
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else ""

    def __exit__(self, kind, error, trace):
        if self.is_folder or self._encoder is None:
            return False
        try:
            if kind is None:
                if not self._finish():
                    raise GenlabError(f"cannot write {self.path}: {self._said() or 'ffmpeg failed'}")
                os.replace(self._temporary, self.path)
            elif issubclass(kind, KeyboardInterrupt) and self._finish() and self.written:
                self.kept = partial_path(self.path)
                os.replace(self._temporary, self.kept)
            else:
                self._encoder.kill()
                self._encoder.wait()
        except OSError as problem:
            raise GenlabError(f"cannot write {self.path}: {problem.strerror or problem}") from None
        finally:
            self._temporary.unlink(missing_ok=True)
            self._errors.close()
        return False
