"""Assets at a plain URL: a file, or a ``.tar.gz`` from which members are taken."""

import http.client
import shutil
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from genlab.assets.source import SourceError

TIMEOUT = 20
"""Seconds of silence before giving up; a refused connection or unknown host fails at once."""


@dataclass(frozen=True)
class UrlSource:
    url: str
    member: str | None = None

    def __str__(self):
        return self.url

    @property
    def filename(self) -> str:
        return PurePosixPath(self.member or urlparse(self.url).path).name

    def download(self, folder: Path) -> Path:
        target = folder / PurePosixPath(urlparse(self.url).path).name
        try:
            with urllib.request.urlopen(self.url, timeout=TIMEOUT) as response, open(target, "wb") as out:
                shutil.copyfileobj(response, out, 1 << 20)
        except urllib.error.HTTPError as error:
            raise SourceError(f"answered HTTP {error.code} {error.reason}") from error
        except urllib.error.URLError as error:
            raise SourceError(f"not reachable ({error.reason})") from error
        except (TimeoutError, ConnectionError, http.client.HTTPException) as error:
            raise SourceError(f"download broke off ({error or type(error).__name__})") from error
        return target
