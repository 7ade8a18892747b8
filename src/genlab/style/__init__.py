"""Neural style transfer: Gatys' optimisation with L-BFGS, or a fast feed-forward network for one style.

    from genlab import images, style
    photo = images.load_image("photo.jpg")
    result = style.transfer(photo, [images.load_image("painting.jpg")], rounds=10)
    images.save_image("stylised.png", result.image)

    style.train_fast("painting.jpg", "painting.keras", minutes=30)   # a network for one style
    images.save_image("fast.png", style.apply_fast("painting.keras", photo))
    style.apply_fast_clip("painting.keras", "clip.mp4", "painted.mp4")   # video: frame rate, size, sound kept
"""

from genlab.style.clips import apply_fast_clip, transfer_clip
from genlab.style.fast import apply_fast, load_fast, train_fast
from genlab.style.gatys import Stylised, Weights, check_options, transfer

__all__ = ["Stylised", "Weights", "apply_fast", "apply_fast_clip", "check_options", "load_fast", "train_fast",
           "transfer", "transfer_clip"]
