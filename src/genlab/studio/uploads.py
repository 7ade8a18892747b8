"""What visitors hand the page: files decoded as the command line decodes them, problems as one line that names
the visitor's file but never where the server keeps it."""

from contextlib import contextmanager
from pathlib import Path

from genlab import images
from genlab.errors import GenlabError


def bundled_photos():
    """The names of the sample photos that this installation has."""
    return sorted(images.sample_photos())


@contextmanager
def named_by_visitor(path, shown=None):
    """Inside the block, a GenlabError's mention of ``path`` (and of its folder) becomes ``shown`` (default: the
    file's own name)."""
    path = Path(path)
    try:
        yield
    except GenlabError as error:
        message = str(error).replace(str(path), shown or path.name).replace(str(path.parent), "")
        raise GenlabError(message) from None


def load_photo(upload, bundled=None):
    """An uploaded file's path, or else the name of a bundled photo, as an RGB array; one :class:`GenlabError`
    line when there is neither or the file is not a photo genlab can read safely."""
    if upload:
        with named_by_visitor(upload):
            return images.load_image(Path(upload))
    if bundled:
        return images.load_image(images.sample_photo(bundled))
    raise GenlabError("choose a photo: upload one or pick a bundled one")


def example(upload, typed, kinds=("index:",)):
    """What names an image (or a group of them) for a technique's library call: the uploaded file, else the
    ``typed`` name, which may only be one of ``kinds`` (``index:N``, ``label:D``), never a path on the server."""
    if upload:
        return upload
    typed = (typed or "").strip()
    if not typed.startswith(kinds):
        raise GenlabError(f"upload an image or type {' or '.join(kind + 'N' for kind in kinds)}"
                          f"{f', not {typed}' if typed else ''}")
    return typed
