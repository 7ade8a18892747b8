"""Reading an image file the user named, safely: every way it can fail is a one-line GenlabError.

The file is checked before its pixels are decoded: a folder, an empty file, and an image whose header claims
more than ``max_pixels`` pixels (a decompression bomb, or just a photo too large for a CPU) are refused without
allocating anything. Decoding is then forced with ``load()``, so that a truncated file fails here rather than
coming out half grey; Pillow's ``LOAD_TRUNCATED_IMAGES`` stays off on purpose. Whatever a decoder raises
becomes one line naming the file (Pillow's plugins raise OSError, SyntaxError, ValueError, EOFError,
NotImplementedError, struct.error and more), and nothing else reaches the terminal: neither Pillow's warnings
and log records nor libtiff's messages.
"""

import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from genlab.errors import GenlabError
from genlab.images.decode_errors import decode_error
from genlab.images.modes import to_array, with_channels
from genlab.images.decoder_output import LibtiffMessages, pillow_logs
from genlab.types import PathLike

DEFAULT_MAX_PIXELS = 50_000_000
"""Four 12-megapixel (4000×3000) photos' worth; as float32 RGB, 50 megapixels take 600 MB."""


def load_image(path: PathLike, *, grayscale: bool = False, max_pixels: int = DEFAULT_MAX_PIXELS) -> np.ndarray:
    """The image at ``path`` as float32 (H, W, 3) RGB in [0, 255], or (H, W, 1) with ``grayscale``.

    The EXIF orientation is applied, so a photo taken with the camera turned comes out upright. Transparent
    pixels are composited over white; 16-bit gray is scaled to [0, 255]; CMYK, palette and 1-bit images become
    RGB. Only the first frame of an animation or a multi-page file is read.
    """
    path = Path(path)
    _check_file(path)
    try:
        file = open(path, "rb")
    except OSError as error:
        raise GenlabError(f"cannot read {path}: {error.strerror}") from None
    libtiff = LibtiffMessages()
    image_format = None
    try:
        with file, warnings.catch_warnings(), pillow_logs.dropped(), libtiff.captured(file):
            # Pillow warns about what it works around (corrupt EXIF data, a malformed APNG or MPO file, a
            # deprecated format) and at its own size limit, which max_pixels replaces: the user gets the image
            # or one line, nothing more.
            warnings.simplefilter("ignore")
            with Image.open(file) as image:
                image_format = image.format
                _check_size(path, image.size, max_pixels)
                image.load()
                ImageOps.exif_transpose(image, in_place=True)
                array = to_array(image)
    except GenlabError:
        raise
    except MemoryError:
        if image_format is None:  # the header alone asked for more memory than there is: the file lies
            raise GenlabError(f"{path} is truncated or damaged: its header asks for more memory than this "
                              f"machine has") from None
        raise  # decoding an image within the size limit ran out of memory: the machine's problem, not the file's
    except UnidentifiedImageError:
        raise GenlabError(f"{path} is not an image, or not in a format Pillow can read") from None
    except Image.DecompressionBombError as error:
        raise GenlabError(f"{path} is too large to decode safely: {error}") from None
    except Exception as error:  # noqa: BLE001 - any decoder failure is a fact about the user's file
        raise decode_error(path, image_format, error, libtiff.text) from None
    return with_channels(array, 1 if grayscale else 3)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise GenlabError(f"image not found: {path}")
    if path.is_dir():
        raise GenlabError(f"{path} is a folder, not an image file")
    if path.stat().st_size == 0:
        raise GenlabError(f"{path} is empty (0 bytes), not an image")


def _check_size(path: Path, size: tuple[int, int], max_pixels: int) -> None:
    width, height = size
    if width * height > max_pixels:
        raise GenlabError(f"{path} is {width}×{height} pixels ({width * height / 1e6:.1f} megapixels), more than "
                          f"the limit of {max_pixels / 1e6:g} megapixels: shrink it first, or raise max_pixels")
