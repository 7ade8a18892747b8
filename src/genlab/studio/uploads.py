"""What visitors hand the page: photos decoded as the command line decodes them, problems as one line."""

from pathlib import Path

from genlab import images
from genlab.errors import GenlabError


def bundled_photos():
    """The names of the sample photos that this installation has."""
    return sorted(images.sample_photos())


def load_photo(upload, bundled=None):
    """An uploaded file's path, or else the name of a bundled photo, as an RGB array; one :class:`GenlabError`
    line, naming the file but not the server's folders, when there is neither or the file is not a photo
    genlab can read safely."""
    if upload:
        path = Path(upload)
        try:
            return images.load_image(path)
        except GenlabError as error:  # the page shows the visitor's file name, not where the server keeps it
            raise GenlabError(str(error).replace(str(path), path.name)) from None
    if bundled:
        return images.load_image(images.sample_photo(bundled))
    raise GenlabError("choose a photo: upload one or pick a bundled one")
