"""Writing a file so that it is either absent, the previous version, or complete — never half written.

The data goes to a hidden temporary file in the target's own folder (so that the rename stays on one file
system and is atomic), is flushed to disk, and is then renamed over the target. A ``kill -9`` can at worst leave
a hidden ``.NAME.*.tmp`` file behind, which ``list_images`` skips.
"""

import os
import secrets
from contextlib import contextmanager
from pathlib import Path

from genlab.errors import GenlabError


@contextmanager
def atomic_file(path: Path):
    """An open binary file whose contents replace ``path`` when the block ends without an error.

    Missing parent folders are created. Unlike ``tempfile.mkstemp`` (always mode 0600), the temporary file is
    created with the usual umask permissions, so the result is as readable as any other file the user writes.
    Failing to write (no permission, disk full …) is a GenlabError naming ``path``.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file = open(temporary, "xb")
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        raise _cannot_write(path, error) from None
    finally:
        temporary.unlink(missing_ok=True)


def _cannot_write(path: Path, error: OSError) -> GenlabError:
    return GenlabError(f"cannot write {path}: {error.strerror or error}")
