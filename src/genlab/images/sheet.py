"""Contact sheets: several images in one grid, to compare results or show a batch of samples at a glance."""

import math
from collections.abc import Iterable, Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from genlab.images.modes import with_channels
from genlab.images.resize import resize_to_height

TITLE_HEIGHT = 16


def contact_sheet(images: Iterable[np.ndarray], columns: int | None = None, *, padding: int = 2,
                  background: float | tuple[float, float, float] = 255.0, height: int | None = None,
                  titles: Sequence[str] | None = None) -> np.ndarray:
    """``images`` laid out row by row in a grid, as one float32 (H, W, C) array.

    Images are (H, W), (H, W, 1) or (H, W, 3) arrays in [0, 255] and may differ in size: each is scaled to
    ``height`` rows (default: the tallest image's height), keeping its aspect ratio, and centred in a cell as
    wide as the widest of them. ``columns`` defaults to a square-ish grid. Cells are ``padding`` pixels apart and
    from the edges, filled with ``background``: a gray level, or an (R, G, B) triple. The sheet is gray only if
    every image and the background are. ``titles``, one per column, are written above the columns.
    """
    images = [np.asarray(image, dtype=np.float32) for image in images]
    if not images:
        raise ValueError("a contact sheet needs at least one image")
    images = [image[..., None] if image.ndim == 2 else image for image in images]
    height = height or max(image.shape[0] for image in images)
    images = [image if image.shape[0] == height else resize_to_height(image, height) for image in images]
    background = np.asarray(background, dtype=np.float32).reshape(-1)
    channels = max(background.size, *(image.shape[-1] for image in images))
    columns = columns or math.ceil(math.sqrt(len(images)))
    rows = math.ceil(len(images) / columns)
    cell_width = max(image.shape[1] for image in images)
    sheet = np.empty((padding + rows * (height + padding), padding + columns * (cell_width + padding), channels),
                     dtype=np.float32)
    sheet[...] = background
    for index, image in enumerate(images):
        row, column = divmod(index, columns)
        top = padding + row * (height + padding)
        left = padding + column * (cell_width + padding) + (cell_width - image.shape[1]) // 2
        sheet[top:top + height, left:left + image.shape[1]] = with_channels(image, channels)
    if titles:
        sheet = np.concatenate([_title_strip(titles, sheet.shape[1], cell_width, padding, background, channels), sheet])
    return sheet


def _title_strip(titles, width, cell_width, padding, background, channels, text_height=TITLE_HEIGHT):
    """A band of ``titles`` centred over the columns: black or white text on the background's gray level."""
    shade = float(background.mean())
    strip = Image.new("L", (width, text_height + padding), int(shade))
    draw = ImageDraw.Draw(strip)
    font = ImageFont.load_default(size=text_height - 2)
    for column, title in enumerate(titles):
        centre = padding + column * (cell_width + padding) + cell_width / 2
        draw.text((centre, padding + text_height / 2), str(title), fill=0 if shade > 127 else 255, font=font,
                  anchor="mm")
    return with_channels(np.asarray(strip, dtype=np.float32)[..., None], channels)
