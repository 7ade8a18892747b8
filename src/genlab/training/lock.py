"""One trainer per run: an advisory lock on a run's checkpoint that the kernel drops when its holder dies.

The lock is ``fcntl.flock`` on a hidden file beside the checkpoint (``.model.keras.lock``), held while a
trainer checks, loads and writes the run. A second trainer on the same run is refused at once. Because the
kernel releases a flock when the process that holds it ends, however it ends, a ``kill -9`` leaves no lock
behind; the holder's process id is written into the file only to name it in the refusal.
"""

import contextlib
import fcntl
import os
from pathlib import Path

from genlab.errors import GenlabError


@contextlib.contextmanager
def run_lock(checkpoint):
    """Hold the lock of the run whose checkpoint is ``checkpoint`` for the block.

    The checkpoint's folder is created if needed, and removed again at the end if it was created here and is
    still empty, so that a start that failed before training leaves nothing behind.
    """
    checkpoint = Path(checkpoint)
    folder = checkpoint.parent
    created = not folder.exists()
    lock = checkpoint.with_name(f".{checkpoint.name}.lock")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = _acquire(lock, checkpoint)
    except OSError as error:
        raise GenlabError(f"cannot write in {folder}: {error.strerror or error}") from None
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)  # while still holding it: see _acquire
        os.close(handle)
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()


def _acquire(lock, checkpoint):
    """An open descriptor holding ``lock``. A holder deletes the file before it lets go; whoever locked the
    deleted file in between tries again with the new one, so two processes never both hold the path."""
    while True:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(handle, 32).decode("ascii", "replace").strip()
            os.close(handle)
            raise GenlabError(f"{checkpoint} is in use by another trainer{f' (process {holder})' if holder else ''}: "
                              "wait until it ends, or choose another run") from None
        try:
            current = os.stat(lock).st_ino
        except FileNotFoundError:
            current = None
        if current == os.fstat(handle).st_ino:
            os.ftruncate(handle, 0)
            os.write(handle, str(os.getpid()).encode())
            return handle
        os.close(handle)

