"""The folder where the page writes what it makes, named in the page; nothing in it is ever overwritten."""

import itertools
import time
from pathlib import Path


class OutputFolder:
    """Fresh file names in one folder: ``STEM-YYYYmmdd-HHMMSS-N.SUFFIX``."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        self._counter = itertools.count(1)

    def new(self, stem, suffix):
        """A path in the folder that no file has yet (the folder is made when first needed)."""
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        while (path := self.root / f"{stem}-{stamp}-{next(self._counter)}{suffix}").exists():
            continue
        return path
