"""Naming what went wrong when a file could not be decoded: a format genlab cannot decode here, or damage.

Pillow raises the same exception types for a file it has no decoder for on this system (EPS without
Ghostscript, WMF and EMF outside Windows, GRIB, BUFR and HDF5 stubs, BMP and DDS variants, a TIFF compression
libtiff was built without) as for a damaged one; only the message tells them apart. Calling every failure
"truncated or damaged" would send the user hunting for damage in a good file.
"""

import re
from pathlib import Path

from genlab.errors import GenlabError

CONVERT = "convert it to PNG or JPEG first"
_UNSUPPORTED = re.compile(r"unsupported|not supported|unimplemented", re.IGNORECASE)


def decode_error(path: Path, image_format: str | None, error: Exception, libtiff_text: str = "") -> GenlabError:
    """The one-line GenlabError for ``error``, raised while decoding ``path``.

    ``image_format`` is Pillow's name for the file's format if it got as far as recognising it;
    ``libtiff_text`` is what libtiff printed meanwhile, which says why a TIFF file failed.
    """
    kind = image_format or path.suffix.lstrip(".").upper() or "image"
    reason = _first_line(str(error)) or type(error).__name__
    libtiff_reason = _first_line(re.sub(r"^[^:\n]*: ", "", libtiff_text)).rstrip(".")
    if "Ghostscript" in reason:
        return GenlabError(f"{path} is EPS, which genlab decodes only with Ghostscript, and it is not installed "
                           f"here: install ghostscript, or {CONVERT}")
    if "cannot find loader" in reason:
        return GenlabError(f"{path} is a {kind} file, a format genlab cannot decode here (Pillow has no decoder "
                           f"for it on this system): {CONVERT}")
    if "not configured" in libtiff_reason:
        return GenlabError(f"{path} is a {kind} variant genlab cannot decode here ({libtiff_reason}): {CONVERT}")
    if isinstance(error, NotImplementedError) or _UNSUPPORTED.search(reason):
        return GenlabError(f"{path} is a {kind} variant genlab cannot decode ({reason}): {CONVERT}")
    return GenlabError(f"{path} is truncated or damaged ({reason})")


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""
