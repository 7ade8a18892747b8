"""DeepDream: gradient ascent on a photo through a pretrained convnet, over octaves.

    from genlab import dream, images
    result = dream.deep_dream(images.load_image("photo.jpg"), backbone="mobilenet_v2", seed=1)
    images.save_image("dream.png", result.image)
    dream.dream_clip("clip.mp4", "dreamed.mp4", frame_blend=0.5, steps=10)   # video, frame by frame
"""

from genlab.dream.clips import dream_clip
from genlab.dream.dream import OCTAVE_FRAME_MS, Dream, check_options, deep_dream, octave_frames
from genlab.dream.layers import DEFAULT_LAYERS, chosen_layers, parse_layers, random_layers
from genlab.dream.zoom import zoom_frames

__all__ = ["DEFAULT_LAYERS", "OCTAVE_FRAME_MS", "Dream", "check_options", "chosen_layers", "deep_dream", "dream_clip",
           "octave_frames", "parse_layers", "random_layers", "zoom_frames"]
