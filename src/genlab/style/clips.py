"""Style transfer on video: a fast network applied frame by frame, or Gatys' optimisation per frame, each frame
starting from the previous frame's result blended with it so that the brush strokes stay put."""

from genlab.images import resize
from genlab.style.fast import apply_fast, load_fast
from genlab.style.gatys import transfer
from genlab.types import Report
from genlab.video import Clip, blended, open_clip, transform_clip

#: How much of the previous frame's result each Gatys frame starts from, by default.
FRAME_BLEND = 0.5


def apply_fast_clip(network, source, output, start=None, duration=None, every=1, fps=None, progress=None,
                    report: Report = print):
    """``source`` (a video file or a folder of frames) stylised by the fast ``network`` (a network, run folder
    or ``.keras`` file) one frame at a time, written to ``output`` (``.mp4``/``.mov``/``.mkv``, or a folder):
    frame rate, size and sound kept. See :func:`genlab.video.transform_clip` for the other options."""
    clip = source if isinstance(source, Clip) else open_clip(source, start, duration, every, fps)
    net = load_fast(network, report)  # once the clip is known to be readable
    return transform_clip(clip, output, lambda frame, previous: apply_fast(net, frame), progress=progress)


def transfer_clip(source, styles, output, frame_blend=FRAME_BLEND, start=None, duration=None, every=1, fps=None,
                  progress=None, **options):
    """``source`` painted in ``styles`` by :func:`genlab.style.transfer` (``options``: its settings) frame by
    frame, each frame's optimisation starting from the new frame blended with ``frame_blend`` of the previous
    frame's result, moved as the picture moved (0: from the frame alone). Frames are painted at ``height`` and written at the clip's size."""

    def painted(frame, previous):
        start_image = blended(frame, previous, frame_blend)
        image = transfer(frame, styles, init=start_image, **options).image
        return resize(image, frame.shape[:2])

    return transform_clip(source, output, painted, start, duration, every, fps, progress, follow_motion=True)
