"""The image file types genlab reads and writes, by file-name suffix (matched case-insensitively)."""

from pathlib import Path

from genlab.errors import GenlabError

PILLOW_FORMATS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".bmp": "BMP",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
}
IMAGE_SUFFIXES = tuple(PILLOW_FORMATS)

# Pillow's default JPEG and WebP quality (75, 80) leaves visible blocks in fine textures such as dreams.
SAVE_OPTIONS = {"JPEG": {"quality": 95}, "WEBP": {"quality": 95}}


def pillow_format(path: Path) -> str:
    """The Pillow format name to write ``path`` in, chosen by its suffix."""
    try:
        return PILLOW_FORMATS[path.suffix.lower()]
    except KeyError:
        raise GenlabError(f"cannot save {path}: the name must end in one of {', '.join(IMAGE_SUFFIXES)}") from None


def check_gif_name(path: Path) -> None:
    """Refuse ``path`` for an animation unless it ends in .gif."""
    if path.suffix.lower() != ".gif":
        raise GenlabError(f"cannot save an animation as {path}: the name must end in .gif")
