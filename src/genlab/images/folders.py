"""Finding the images in a folder tree, for data sets (VAE, GAN) and batch processing."""

from pathlib import Path

from genlab.errors import GenlabError
from genlab.images.formats import IMAGE_SUFFIXES
from genlab.types import PathLike


def list_images(folder: PathLike) -> list[Path]:
    """Every image file below ``folder``, recursively, in sorted order; matched by suffix, in any case.

    Hidden files and folders (names starting with ".") are skipped: they hold no one's data set, but they do
    hold macOS ``._NAME.jpg`` metadata files and ``.ipynb_checkpoints`` copies, which would be loaded twice or fail.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise GenlabError(f"image folder not found: {folder}" if not folder.exists() else f"{folder} is not a folder")
    found = sorted(
        path for path in folder.rglob("*")
        if path.suffix.lower() in IMAGE_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.is_file()
    )
    if not found:
        raise GenlabError(f"no images in {folder} (looked for {', '.join(IMAGE_SUFFIXES)} files)")
    return found
