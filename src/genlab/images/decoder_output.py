"""What decoders print while a user's file is decoded, kept off the terminal: the one-line error says it all.

Two sources bypass Python's warnings:

- libtiff prints its warnings and errors straight to the process's standard error ("WEBP compression support is
  not configured"). While a TIFF file is decoded, file descriptor 2 therefore points at a temporary file; what
  libtiff wrote there explains a failure that Pillow reports only as "decoder error -2". Files of other formats
  are decoded by code that raises Python exceptions, so they are left alone: redirecting descriptor 2 hides
  everything the process prints meanwhile, from any thread.
- Pillow logs some problems ("More samples per pixel than can be decoded") through the logging module, which
  prints errors to standard error when no handler is configured, as on the command line, and through any
  handler an application installed. A filter on Pillow's loggers drops their records in a thread while it
  decodes.
"""

import logging
import tempfile
import threading
from contextlib import contextmanager

from PIL import Image

from genlab.quiet import stderr_redirected

TIFF_SIGNATURES = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")  # little- and big-endian, classic and BigTIFF

# Two threads redirecting descriptor 2 at once could leave it pointing at a deleted file for good.
_redirecting = threading.Lock()


class LibtiffMessages:
    """After its ``captured`` block, ``text`` holds what libtiff printed in it ("" for other formats)."""

    def __init__(self):
        self.text = ""

    @contextmanager
    def captured(self, file):
        """Capture libtiff's messages while ``file`` (open, at its start) is decoded inside the block."""
        signature = file.read(4)
        file.seek(0)
        if signature not in TIFF_SIGNATURES:
            yield
            return
        with _redirecting, tempfile.TemporaryFile() as log:
            try:
                with stderr_redirected(log.fileno()):
                    yield
            finally:
                log.seek(0)
                self.text = log.read().decode("utf-8", "replace").strip()


class _PillowLogs(logging.Filter):
    """Drops Pillow's log records in the threads that are inside ``dropped()``."""

    def __init__(self):
        super().__init__()
        self._thread = threading.local()

    def filter(self, record):
        return not getattr(self._thread, "decoding", False)

    @contextmanager
    def dropped(self):
        Image.init()  # imports every plugin, so that every logger Pillow will log to exists and gets the filter
        for name in list(logging.root.manager.loggerDict):
            logger = logging.getLogger(name)
            if name.split(".")[0] == "PIL" and self not in logger.filters:
                logger.addFilter(self)
        self._thread.decoding = True
        try:
            yield
        finally:
            self._thread.decoding = False


pillow_logs = _PillowLogs()
