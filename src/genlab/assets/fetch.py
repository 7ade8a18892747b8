"""Getting assets into the cache and finding them there: fetch, path, verify."""

import os
from pathlib import Path

from genlab.assets import cache, checksum
from genlab.assets.archive import extract_file, extract_tree
from genlab.assets.asset import Asset
from genlab.assets.registry import get, list_assets
from genlab.assets.source import Source, SourceError
from genlab.errors import GenlabError
from genlab.types import Report


def is_cached(name: str) -> bool:
    return cache.location(get(name)).exists()


def cached_size(name: str) -> int | None:
    """Bytes the asset takes in the cache, or None when it is not cached."""
    return cache.size(get(name))


def fetch(name: str, progress: Report = print) -> Path:
    """Put the asset into the cache, trying its sources in order; return its path.

    A cached copy that still matches its checksum is kept as it is. ``progress`` receives one line per step.
    """
    asset = get(name)
    target = cache.location(asset)
    if target.exists():
        if _status(asset) != "mismatch":
            progress(f"{name}: already cached at {target}")
            return target
        progress(f"{name}: the cached copy does not match its SHA-256; fetching it again")
    failures = []
    for source in asset.sources:
        progress(f"{name}: fetching from {source}")
        try:
            target = _fetch_from(asset, source)
        except SourceError as error:
            failures.append(f"{source}: {error}")
            if source is not asset.sources[-1]:
                progress(f"{name}: {error}")
            continue
        checked = "SHA-256 verified" if asset.verified else "unpinned, no checksum to verify"
        progress(f"{name}: {checked}; cached at {target}")
        return target
    local = "file" if asset.kind == "file" else "folder"
    raise GenlabError(
        f"could not fetch asset {name}; tried {'; '.join(failures)}. "
        f"If you have a copy, pass the local {local} to the command instead, where it accepts one"
    )


def path(name: str, fetch_missing: bool = True) -> Path:
    """The cached asset's path, fetched on demand unless ``fetch_missing`` is false or ``GENLAB_OFFLINE=1``.

    The cached copy is re-hashed on every call (a tenth of a second for the largest), so a file changed
    after it was fetched is refused rather than used.
    """
    asset = get(name)
    target = cache.location(asset)
    if target.exists():
        if _status(asset) == "mismatch":
            raise GenlabError(f"the cached {name} does not match its SHA-256; run `genlab assets fetch {name}` "
                              "to replace it")
        return target
    if not fetch_missing or os.environ.get("GENLAB_OFFLINE", "") not in ("", "0"):
        raise GenlabError(f"asset {name} is not in the cache; run `genlab assets fetch {name}`")
    return fetch(name)


def verify(name: str | None = None) -> list[tuple[str, str]]:
    """Re-hash cached assets: (name, status) with status "ok", "mismatch", "unpinned" or "not cached"."""
    assets = [get(name)] if name is not None else list_assets()
    return [(asset.name, _status(asset)) for asset in assets]


def _status(asset: Asset) -> str:
    target = cache.location(asset)
    if not target.exists():
        return "not cached"
    if not asset.verified:
        return "unpinned"
    return "ok" if checksum.sha256(target) == asset.sha256 else "mismatch"


def _fetch_from(asset: Asset, source: Source) -> Path:
    """Download, extract and verify into a staging folder; install only what matches the checksum."""
    with cache.staging() as staging:
        downloads = staging / "download"
        downloads.mkdir()
        downloaded = source.download(downloads)
        content = staging / asset.name
        content.mkdir()
        entry = asset.entry(content)
        if asset.kind == "directory":
            extract_tree(downloaded, source.member, entry)
        elif source.member is not None:
            extract_file(downloaded, source.member, entry)
        else:
            os.replace(downloaded, entry)
        if asset.verified:
            actual = checksum.sha256(entry)
            if actual != asset.sha256:
                raise SourceError(f"checksum mismatch (expected {asset.sha256}, got {actual}); discarded")
        return cache.install(content, asset)
