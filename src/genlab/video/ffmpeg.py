"""The ffmpeg that genlab reads and writes video with: the one the ``imageio-ffmpeg`` wheel ships
(``genlab[video]``), so that no system ffmpeg is needed."""

import subprocess

from genlab.errors import GenlabError


def ffmpeg_executable():
    """The path of the ffmpeg binary, or a one-line GenlabError saying how to get it."""
    try:
        import imageio_ffmpeg
    except ImportError:
        raise GenlabError("video needs ffmpeg from imageio-ffmpeg: pip install 'genlab[video]'") from None
    return imageio_ffmpeg.get_ffmpeg_exe()


def ffmpeg(*arguments, **options):
    """An ffmpeg process running ``arguments``, quiet but for errors and never reading the terminal; the
    ``options`` go to :class:`subprocess.Popen`. It runs in a session of its own so that Ctrl-C reaches genlab
    alone, which then ends the output properly."""
    command = [ffmpeg_executable(), "-hide_banner", "-nostdin", "-loglevel", "error", *map(str, arguments)]
    return subprocess.Popen(command, start_new_session=True, **options)


def ffmpeg_header(path):
    """What ``ffmpeg -i path`` says of the file (its streams, or why it cannot open it)."""
    command = [ffmpeg_executable(), "-hide_banner", "-nostdin", "-i", str(path)]
    finished = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=60,
                              start_new_session=True)
    return finished.stderr


def first_frame_decodes(path, start=0.0):
    """Whether ffmpeg can decode a frame of the video at ``path`` at ``start`` seconds (a file whose index is
    intact may still have lost all its pictures)."""
    command = [ffmpeg_executable(), "-hide_banner", "-nostdin", "-loglevel", "quiet",
               *(["-ss", str(start)] if start else []), "-i", str(path), "-map", "0:v:0", "-frames:v", "1",
               "-f", "rawvideo", "-pix_fmt", "gray", "-"]
    finished = subprocess.run(command, capture_output=True, timeout=120, start_new_session=True)
    return bool(finished.stdout)
