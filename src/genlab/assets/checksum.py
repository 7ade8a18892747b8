"""SHA-256 of a file, and of a folder through its manifest.

A folder's checksum is the SHA-256 of its manifest: one line ``relative/path<TAB>sha256-of-file`` per file,
sorted, UTF-8, each ending in a newline. It depends only on paths and contents, not on timestamps,
permissions or the order in which an archive listed its members.
"""

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest(folder: Path) -> str:
    lines = (
        f"{path.relative_to(folder).as_posix()}\t{file_sha256(path)}\n"
        for path in folder.rglob("*")
        if path.is_file()
    )
    return "".join(sorted(lines))


def sha256(path: Path) -> str:
    """The checksum of a file asset or, for a folder, of its manifest."""
    if path.is_dir():
        return hashlib.sha256(manifest(path).encode("utf-8")).hexdigest()
    return file_sha256(path)
