"""Naming an input photo on the command line: a file path, or a photo bundled with an installed package."""

from pathlib import Path


def photo_path(name):
    """``name`` itself if it looks like a path, else the bundled photo of that name (``chelsea``, ``coffee`` …)."""
    from genlab.images import sample_photo

    if Path(name).exists() or Path(name).suffix or "/" in name:
        return name
    return sample_photo(name)
