"""Flicker: how much consecutive frames of a clip differ once the camera's known motion is taken out. A clip
made frame by frame from a steady source flickers when each frame lands in a different local optimum; the
ratio of a result's flicker to its source's says how much the technique added."""

import numpy as np


def flicker(frames, pan=0):
    """The mean absolute difference (in pixel values, 0..255) between consecutive ``frames`` (an iterable of
    images), frame t+1 compared with frame t moved by the camera's ``pan``: whole pixels per frame that the
    picture moves left (:func:`genlab.video.synthetic.pan_frames`)."""
    total, pairs, previous = 0.0, 0, None
    for frame in frames:
        frame = np.asarray(frame, dtype=np.float32)
        if previous is not None:
            width = frame.shape[1] - pan
            total += float(np.mean(np.abs(frame[:, :width] - previous[:, pan:])))
            pairs += 1
        previous = frame
    if not pairs:
        raise ValueError("flicker needs at least two frames")
    return total / pairs
