"""Taking members out of a zip (wheel) or tar archive, by exact name or by glob."""

import re
import shutil
import tarfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from genlab.assets.source import SourceError

_GLOB = {"**/": "(?:[^/]+/)*", "**": ".*", "*": "[^/]*", "?": "[^/]"}
_CORRUPT = (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error)


def glob_regex(pattern: str) -> re.Pattern:
    """A member glob as a regex: ``*`` and ``?`` stay within one path component, ``**/`` spans any number."""
    parts = re.split(r"(\*\*/|\*\*|\*|\?)", pattern)
    return re.compile("".join(_GLOB.get(part, re.escape(part)) for part in parts))


def glob_root(pattern: str) -> str:
    """The folder part of a glob before its first wildcard; extracted paths are relative to it."""
    wildcard = min((i for i in (pattern.find("*"), pattern.find("?")) if i >= 0), default=len(pattern))
    return pattern[: pattern.rfind("/", 0, wildcard) + 1]


def extract_file(archive: Path, member: str, target: Path) -> None:
    """Write the one member called ``member`` to ``target``."""
    try:
        for name, open_member in _regular_files(archive):
            if name == member:
                _copy(open_member, target)
                return
    except _CORRUPT as error:
        raise SourceError(f"{archive.name} is damaged ({error})") from error
    raise SourceError(f"{archive.name} has no member {member}")


def extract_tree(archive: Path, pattern: str, folder: Path) -> int:
    """Write every member matching ``pattern`` under ``folder``, relative to the glob's root; return the count."""
    regex, root, count = glob_regex(pattern), glob_root(pattern), 0
    try:
        for name, open_member in _regular_files(archive):
            if not regex.fullmatch(name):
                continue
            relative = PurePosixPath(name[len(root):])
            if relative.is_absolute() or ".." in relative.parts:
                raise SourceError(f"{archive.name} has an unsafe member path {name}")
            _copy(open_member, folder.joinpath(*relative.parts))
            count += 1
    except _CORRUPT as error:
        raise SourceError(f"{archive.name} is damaged ({error})") from error
    if count == 0:
        raise SourceError(f"{archive.name} has no member matching {pattern}")
    return count


def _regular_files(archive: Path):
    """Yield (name, opener) for each regular file; tar is read as a stream, so each opener works only in turn."""
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as opened:
            for info in opened.infolist():
                if not info.is_dir():
                    yield info.filename, lambda info=info: opened.open(info)
    elif tarfile.is_tarfile(archive):
        with tarfile.open(archive, "r|*") as opened:
            for info in opened:
                if info.isfile():
                    yield info.name.removeprefix("./"), lambda info=info: opened.extractfile(info)
    else:
        raise SourceError(f"{archive.name} is neither a zip nor a tar archive")


def _copy(open_member, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with open_member() as source, open(target, "wb") as out:
        shutil.copyfileobj(source, out, 1 << 20)
