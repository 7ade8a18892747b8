"""Reading a clip's frames one at a time, never the whole clip: memory stays that of a frame or two however
long the clip is."""

import itertools
import subprocess

import numpy as np

from genlab.errors import GenlabError
from genlab.images import list_images, load_image
from genlab.video.ffmpeg import ffmpeg


def read_frames(clip):
    """The frames of ``clip`` (a :class:`genlab.video.Clip`) as float32 RGB arrays (H, W, 3) in [0, 255], one
    at a time."""
    if clip.is_folder:
        yield from _folder_frames(clip)
        return
    width, height = clip.size
    frame_bytes = width * height * 3
    window = [*(["-ss", clip.start] if clip.start else []), "-i", clip.path,
              *(["-t", clip.duration] if clip.duration is not None else [])]
    decoder = ffmpeg(*window, "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt", "rgb24", "-", stdout=subprocess.PIPE,
                     stderr=subprocess.DEVNULL)
    count = 0
    try:
        for index in itertools.count():
            data = decoder.stdout.read(frame_bytes)
            if len(data) < frame_bytes:
                break
            if index % clip.every == 0:
                count += 1
                yield np.frombuffer(data, np.uint8).reshape(height, width, 3).astype(np.float32)
    finally:
        decoder.stdout.close()
        if decoder.poll() is None:
            decoder.kill()
        decoder.wait()
    if count == 0:
        raise GenlabError(f"{clip.path} is truncated or damaged: ffmpeg can decode none of its frames")


def _folder_frames(clip):
    first = round(clip.start * clip.fps)
    frames = list_images(clip.path)[first:]
    if clip.duration is not None:
        frames = frames[:max(1, round(clip.duration * clip.fps))]
    for path in frames[::clip.every]:
        frame = load_image(path)
        if frame.shape[-1] == 1:
            frame = np.repeat(frame, 3, axis=-1)
        if frame.shape[1::-1] != clip.size:
            raise GenlabError(f"{path} is {frame.shape[1]}×{frame.shape[0]}, but the clip's first frame is "
                              f"{clip.size[0]}×{clip.size[1]}: a folder of frames must hold frames of one size")
        yield frame
