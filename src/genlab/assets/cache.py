"""Where assets live on disk, and how a fetched asset is put there without ever leaving a half-written one.

Everything is staged in a temporary folder inside the cache itself, so that the final ``os.replace`` stays
on one file system and is atomic: a reader sees either no asset or a complete, verified one.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from genlab.assets.asset import Asset


def home() -> Path:
    """``GENLAB_HOME`` if set, else ``$XDG_CACHE_HOME/genlab``, else ``~/.cache/genlab``."""
    if os.environ.get("GENLAB_HOME"):
        return Path(os.environ["GENLAB_HOME"]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache").expanduser() / "genlab"


def folder(asset: Asset) -> Path:
    return home() / "assets" / asset.name


def location(asset: Asset) -> Path:
    """The cached file, or folder for a directory asset (which may not exist yet)."""
    return asset.entry(folder(asset))


def size(asset: Asset) -> int | None:
    if not folder(asset).exists():
        return None
    return sum(path.stat().st_size for path in folder(asset).rglob("*") if path.is_file())


@contextmanager
def staging():
    """A temporary folder inside the cache, removed afterwards with whatever is left in it."""
    root = home() / "assets"
    root.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        yield temporary
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def install(staged: Path, asset: Asset) -> Path:
    """Move a staged, verified asset folder into place, replacing any previous copy; return its location.

    ``staged`` must lie inside a ``staging()`` folder, which also receives the previous copy for removal.
    """
    target = folder(asset)
    if target.exists():
        os.replace(target, staged.parent / "previous")
    os.replace(staged, target)
    return location(asset)
