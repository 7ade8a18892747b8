"""Neural style transfer: Gatys' optimisation with L-BFGS.

    from genlab import images, style
    result = style.transfer(images.load_image("photo.jpg"), [images.load_image("painting.jpg")])
    images.save_image("stylised.png", result.image)
"""

from genlab.style.gatys import Stylised, Weights, check_options, transfer

__all__ = ["Stylised", "Weights", "check_options", "transfer"]
