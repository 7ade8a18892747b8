"""Neural style transfer: Gatys' optimisation with L-BFGS, or a fast feed-forward network for one style.

    from genlab import images, style
    photo = images.load_image("photo.jpg")
    result = style.transfer(photo, [images.load_image("painting.jpg")], rounds=10)
    images.save_image("stylised.png", result.image)

    style.train_fast("painting.jpg", "painting.keras", minutes=30)   # a network for one style
    images.save_image("fast.png", style.apply_fast("painting.keras", photo))
"""

from genlab.style.fast import apply_fast, load_fast, train_fast
from genlab.style.gatys import Stylised, Weights, check_options, transfer

__all__ = ["Stylised", "Weights", "apply_fast", "check_options", "load_fast", "train_fast", "transfer"]
