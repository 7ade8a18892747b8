"""Inpainting: fill the masked part of an image with what a trained diffusion model draws there.

The standard replacement trick (Lugmayr et al. 2022 describe it as the baseline they improve on): after every
sampler step, the pixels to keep are replaced by the known image noised to the step's level, so that the
model fills the hole in keeping with its surroundings. The known pixels are put back exactly at the end.
"""

import numpy as np

from genlab.diffusion.model import DiffusionModel
from genlab.diffusion.trained import load
from genlab.errors import GenlabError
from genlab.images import contact_sheet, load_image, resize, save_image
from genlab.images.modes import with_channels
from genlab.images.signed import signed_to_pixels, to_signed
from genlab.training.seeding import resolve_seed
from genlab.types import PathLike, Report


#: Masks by name: the part of the image the model draws, as (top, bottom, left, right) fractions of its size.
NAMED_MASKS = {"top": (0, 0.5, 0, 1), "bottom": (0.5, 1, 0, 1), "left": (0, 1, 0, 0.5), "right": (0, 1, 0.5, 1),
               "centre": (0.25, 0.75, 0.25, 0.75)}


def named_mask(name: str, height: int, width: int) -> np.ndarray:
    """A white-where-to-fill mask (``height``, ``width``, 1) for one of :data:`NAMED_MASKS`."""
    top, bottom, left, right = NAMED_MASKS[name]
    holes = np.zeros((height, width, 1), "float32")
    holes[round(top * height) : round(bottom * height), round(left * width) : round(right * width)] = 255.0
    return holes


def load_known(image: PathLike, mask: PathLike, image_shape) -> tuple[np.ndarray, np.ndarray]:
    """(the image in [−1, 1], the mask: 1 where the model draws, 0 where the image is kept), both at
    ``image_shape``. The mask is an image of the image's size, white (or light) where to fill, or the name of
    one of :data:`NAMED_MASKS` (``"bottom"``: the lower half)."""
    picture = load_image(image)
    if str(mask) in NAMED_MASKS:
        holes = named_mask(str(mask), *picture.shape[:2])
    else:
        holes = load_image(mask, grayscale=True)
    if holes.shape[:2] != picture.shape[:2]:
        raise GenlabError(f"the mask {mask} is {holes.shape[1]}×{holes.shape[0]} pixels and the image {image} "
                          f"{picture.shape[1]}×{picture.shape[0]}: they must be the same size")
    height, width, channels = image_shape
    picture = with_channels(resize(picture, (height, width)), channels)
    holes = (resize(holes, (height, width)) > 127.5).astype("float32")
    if not holes.any():
        raise GenlabError(f"the mask {mask} has no white pixels: paint white where the model should draw")
    return to_signed(picture / 255.0), holes


def inpaint(model: DiffusionModel | PathLike, image: PathLike, mask: PathLike, path: PathLike | None = None,
            count: int = 8, seed: int | None = None, label: int | None = None, report: Report = print,
            **options) -> np.ndarray:
    """``count`` fillings of the white part of ``mask`` in ``image`` (resized to the model's images), as float
    pixels (N, H, W, C) in [0, 255]. With ``path``, also write one picture: the image with its hole in grey,
    then the fillings."""
    model = load(model)
    known, holes = load_known(image, mask, model.image_shape)
    rng = np.random.default_rng(resolve_seed(seed, report))
    standardised = model.standardise(known)

    def replace(images, rate):
        noisy_known = rate.signal * standardised + rate.noise * rng.standard_normal(np.shape(images)).astype("float32")
        return holes * np.asarray(images) + (1.0 - holes) * noisy_known

    drawn = model.generate(count, label=label, seed=int(rng.integers(2**31)), replace=replace, **options)
    filled = signed_to_pixels(holes * drawn + (1.0 - holes) * known)
    if path is not None:
        shown = signed_to_pixels(known) * (1.0 - holes) + 128.0 * holes
        save_image(path, contact_sheet([shown, *filled], columns=count + 1, padding=2, background=0.0))
        report(f"wrote the image and {count} fillings to {path}")
    return filled
