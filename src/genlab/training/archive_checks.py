"""Checking a ``.keras`` archive whole before anything in it is used.

A model file may be truncated, bit-rotted, hand-edited or hostile. Before Keras sees it, every member must have
a safe name, a sane size and a matching CRC, and the JSON members must parse to the type genlab and Keras
expect. Sizes are judged from the zip headers alone, before inflating anything: genlab and Keras store their
members uncompressed, so a member that claims to inflate a hundredfold past a few megabytes is a
decompression bomb, not a model. Every member that is read whole is read in a bounded way, whatever its
header says.
"""

import json
import zipfile
import zlib
from pathlib import PurePosixPath

from genlab.errors import GenlabError, first_line

STATE_MEMBER = "genlab_state.json"
RANDOM_MEMBER = "genlab_random.json"
#: The JSON members that are read whole (by genlab or by Keras) and the type each must parse to.
JSON_MEMBERS = {"config.json": dict, "metadata.json": dict, STATE_MEMBER: dict, RANDOM_MEMBER: list}
MAX_JSON_BYTES = 64 << 20
"""A run record grows by ~200 bytes an epoch, a word model's config by ~10 bytes a word: 64 MiB is far above both."""
MAX_TOTAL_BYTES = 8 << 30
"""The largest preset model with its optimizer state is ~110 MB; 8 GiB is no genlab model."""
MAX_EXPANSION = 100
BOMB_FLOOR_BYTES = 16 << 20
# What zipfile raises for damaged archives and members (zlib.error: a deflate stream that is not one;
# RuntimeError: an encrypted member; NotImplementedError: an unknown compression method).
REMEDY = "use an intact copy, or train it again"
JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "true or false",
              type(None): "null"}
DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError,
           NotImplementedError, zlib.error)


def read_checked(path):
    """``(state, random_states)`` of the genlab ``.keras`` file at ``path``, once all of it has been checked.

    ``state`` is ``{}`` and ``random_states`` None when the file has no such member (a plain Keras model).
    """
    if not path.is_file():
        raise GenlabError(f"model file not found: {path}")
    if not zipfile.is_zipfile(path):
        raise GenlabError(f"{path} is not a .keras model file (empty, truncated or another format)")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_names(path, members)
            _check_sizes(path, members)
            if "config.json" not in {member.filename for member in members}:
                raise GenlabError(f"{path} is not a .keras model file (no config.json inside)")
            _check_crcs(path, archive, members)
            values = {member.filename: _read_json(path, archive, member)
                      for member in members if member.filename in JSON_MEMBERS}
    except DAMAGED as error:
        raise GenlabError(f"{path} is damaged ({first_line(error)}): {REMEDY}") from None
    return values.get(STATE_MEMBER, {}), values.get(RANDOM_MEMBER)


def _check_names(path, members):
    seen = set()
    for member in members:
        name = member.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if not name or name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            raise GenlabError(f"{path} holds a member whose path leaves the archive ({name!r}): it is not a "
                              "genlab model file; refusing to load it")
        if name in seen:
            raise GenlabError(f"{path} holds {name!r} twice: it is not a genlab model file; refusing to load it")
        seen.add(name)


def _check_sizes(path, members):
    for member in members:
        if member.file_size > BOMB_FLOOR_BYTES and member.file_size > MAX_EXPANSION * member.compress_size:
            raise GenlabError(f"{path}: its member {member.filename!r} claims to inflate {_size(member.compress_size)} "
                              f"to {_size(member.file_size)} (a decompression bomb, not a model); refusing to load it")
        if member.filename in JSON_MEMBERS and member.file_size > MAX_JSON_BYTES:
            raise GenlabError(f"{path}: its member {member.filename!r} is {_size(member.file_size)}, more than the "
                              f"{_size(MAX_JSON_BYTES)} a genlab model holds; refusing to load it")
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise GenlabError(f"{path} holds {_size(total)} uncompressed, more than the {_size(MAX_TOTAL_BYTES)} of "
                          "any genlab model; refusing to load it")


def _check_crcs(path, archive, members):
    """Inflate every member in bounded chunks (zipfile checks each CRC at the member's end)."""
    for member in members:
        try:
            with archive.open(member) as stream:
                while stream.read(1 << 20):
                    pass
        except DAMAGED as error:
            raise GenlabError(f"{path} is damaged (its member {member.filename!r}: {first_line(error)}): {REMEDY}") \
                from None


def _read_json(path, archive, member):
    with archive.open(member) as stream:
        data = stream.read(MAX_JSON_BYTES)  # never more, whatever the header claims
    what = f"{path} is damaged (its member {member.filename!r}"
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as error:  # JSONDecodeError, bad UTF-8, too many digits; deep nesting
        raise GenlabError(f"{what} is not JSON: {first_line(error)}): {REMEDY}") from None
    expected = JSON_MEMBERS[member.filename]
    if not isinstance(value, expected):
        raise GenlabError(f"{what} holds a JSON {JSON_TYPES[type(value)]}, not a JSON {JSON_TYPES[expected]}): {REMEDY}")
    return value


def _size(count):
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:,} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000
