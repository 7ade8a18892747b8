"""DeepDream on video: each frame dreamed from the new frame blended with the previous frame's dream, the usual
recipe for a video dream whose patterns persist and grow instead of flickering from frame to frame."""

from genlab.dream.dream import deep_dream
from genlab.video import blended, transform_clip

#: How much of the previous frame's dream each frame starts from, by default.
FRAME_BLEND = 0.5


def dream_clip(source, output, frame_blend=FRAME_BLEND, start=None, duration=None, every=1, fps=None,
               progress=None, **options):
    """``source`` (a video file or a folder of frames) dreamed frame by frame by :func:`genlab.dream.deep_dream`
    (``options``: its settings; pass a loaded ``backbone`` to build it once), each frame starting from the new
    frame blended with ``frame_blend`` of the previous dream, moved as the picture moved (0: each frame alone).
    Written to ``output``
    (``.mp4``/``.mov``/``.mkv``, or a folder) with the clip's frame rate, size and sound."""

    def dreamed(frame, previous):
        return deep_dream(blended(frame, previous, frame_blend), **options).image

    return transform_clip(source, output, dreamed, start, duration, every, fps, progress, follow_motion=True)
