"""Writing float images as 8-bit files: single images by suffix, and animated GIFs. Both are atomic."""

from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image

from genlab.images.atomic import atomic_file
from genlab.images.formats import SAVE_OPTIONS, check_gif_name, pillow_format
from genlab.images.sheet import contact_sheet
from genlab.types import PathLike


def save_image(path: PathLike, image: np.ndarray) -> Path:
    """Write ``image`` — (H, W), (H, W, 1) or (H, W, 3), values in [0, 255] — to ``path``; return the path.

    Values are clipped to [0, 255] and rounded to 8 bits. The format follows the suffix (.png, .jpg, .webp …;
    JPEG and WebP at quality 95). Missing parent folders are created.
    """
    path = Path(path)
    format = pillow_format(path)
    picture = to_pillow(image)
    with atomic_file(path) as file:
        picture.save(file, format=format, **SAVE_OPTIONS.get(format, {}))
    return path


def save_batch(path: PathLike, images: Sequence[np.ndarray]) -> str:
    """Write ``images`` to ``path``: one grid if it has an image suffix, else ``00000.png`` … in that folder;
    return what was written, for a report."""
    path = Path(path)
    if path.suffix:
        save_image(path, contact_sheet(list(images), padding=2, background=0.0))
        return f"a grid of {len(images)} images to {path}"
    for index, image in enumerate(images):
        save_image(path / f"{index:05d}.png", image)
    return f"{len(images)} images to {path}/"


def save_gif(path: PathLike, frames: Sequence[np.ndarray], duration_ms: int | Sequence[int] = 100,
             loop: int | None = 0) -> Path:
    """Write ``frames`` (arrays of one shape, as for ``save_image``) as an animated GIF; return the path.

    ``duration_ms`` is per frame, or one value per frame; most viewers stretch anything under 20 ms to 100 ms.
    ``loop`` is how many times to repeat, 0 for ever, None to play once. Each frame gets its own 256-colour
    palette, and Pillow merges consecutive identical frames into one that lasts as long as they did.
    """
    path = Path(path)
    check_gif_name(path)
    pictures = [to_pillow(frame) for frame in frames]
    if not pictures:
        raise ValueError("a GIF needs at least one frame")
    if len({picture.size for picture in pictures}) > 1:
        raise ValueError(f"GIF frames must all have one size, not {sorted({p.size for p in pictures})} (width, height)")
    with atomic_file(path) as file:
        pictures[0].save(file, format="GIF", save_all=True, append_images=pictures[1:], duration=duration_ms,
                         **({} if loop is None else {"loop": loop}))
    return path


def to_pillow(image: np.ndarray) -> Image.Image:
    """A float image as an 8-bit Pillow image: mode L for one channel, RGB for three."""
    array = np.asarray(image, dtype=np.float32)
    if not np.isfinite(array).all():
        raise ValueError("cannot save an image with NaN or infinite values")
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[..., 0]
    return Image.fromarray(np.clip(np.rint(array), 0, 255).astype(np.uint8))
