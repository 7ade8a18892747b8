"""Video in and out for the techniques that make images of images (style transfer, DeepDream): clips read and
written frame by frame through the ffmpeg of the ``imageio-ffmpeg`` wheel (``genlab[video]``), a folder of
frames as a clip, and the frame-by-frame driver that keeps memory flat whatever the clip's length.

    from genlab import style, video
    net = style.load_fast("runs/painting")
    video.transform_clip("clip.mp4", "painted.mp4", lambda frame, previous: style.apply_fast(net, frame),
                         start=10, duration=5)
"""

from genlab.video.clip import VIDEO_SUFFIXES, Clip, is_video, open_clip
from genlab.video.read import read_frames
from genlab.video.transform import Transformed, blended, transform_clip
from genlab.video.write import ClipWriter, partial_path, video_output, write_clip

__all__ = ["VIDEO_SUFFIXES", "Clip", "ClipWriter", "Transformed", "blended", "is_video", "open_clip", "partial_path",
           "read_frames", "transform_clip", "video_output", "write_clip"]
