"""Checking the files a command will write before it does any work.

A name found wrong only when the result is saved wastes the work (a dream, a style transfer), and a name that
is one of the command's inputs would replace the user's photo with the result. Commands therefore check every
output first: its suffix, that its folder can be created and written, that it is none of the inputs, and that
no two results of one call go to the same file (the first would be lost). Any other existing file is
replaced, as ``cp`` and ``convert`` do.
"""

import os
from collections.abc import Iterable
from pathlib import Path

from genlab.errors import GenlabError
from genlab.images.formats import check_gif_name, pillow_format
from genlab.types import PathLike


def image_output(path: PathLike) -> Path:
    """``path`` as a Path if an image can be written there (a known suffix, a writable folder)."""
    path = Path(path)
    pillow_format(path)
    return writable(path)


def gif_output(path: PathLike) -> Path:
    """``path`` as a Path if an animated GIF can be written there."""
    path = Path(path)
    check_gif_name(path)
    return writable(path)


def writable(path: PathLike) -> Path:
    """``path`` as a Path if it is not a folder and the deepest of its existing parents is a writable folder."""
    path = Path(path)
    if path.is_dir():
        raise GenlabError(f"cannot write {path}: it is a folder; give a file name")
    _check_writable(path.parent, path)
    return path


def folder_output(path: PathLike) -> Path:
    """``path`` as a Path if files can be written into it: a writable folder, or one that can be created."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise GenlabError(f"cannot write into {path}: it is a file, not a folder")
    _check_writable(path, path)
    return path


def _check_writable(folder: Path, path: Path) -> None:
    """Refuse ``path`` unless the deepest existing one of ``folder`` and its parents is a writable folder."""
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise GenlabError(f"cannot write {path}: {folder} is not a folder this user can write to")


def check_outputs(outputs: Iterable[tuple[PathLike, str]], inputs: Iterable[PathLike] = ()) -> None:
    """Refuse ``outputs`` — (path, what it holds) pairs — if one is an input or two share a file."""
    inputs = [Path(path) for path in inputs]
    holders = {}
    for path, what in outputs:
        path = Path(path)
        if any(_same_file(path, source) for source in inputs):
            raise GenlabError(f"{path} is an input of this command; genlab does not write over its inputs: "
                              "choose another output name")
        key = os.path.abspath(path)
        if key in holders:
            raise GenlabError(f"{path} would hold both {holders[key]} and {what}, and the first would be lost: "
                              "give each result its own name")
        holders[key] = what


def _same_file(a: Path, b: Path) -> bool:
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return os.path.abspath(a) == os.path.abspath(b)
