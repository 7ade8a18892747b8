#!/usr/bin/env bash
# Put Pillow's own test images (Tests/images in its source distribution on PyPI) into the cache, for the image
# loader's corpus test, which skips without them. The version is the installed Pillow's.
#   scripts/fetch-pillow-images.sh [PYTHON]      (default: .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
python="${1:-.venv/bin/python}"
version="$("$python" -c 'import PIL; print(PIL.__version__)')"
target="${GENLAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/genlab}/test-data/pillow-$version"
[ -d "$target/images" ] && exit 0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
    "pillow==$version" -d "$work"
mkdir "$work/unpacked"
tar -xzf "$work/pillow-$version.tar.gz" -C "$work/unpacked" --strip-components=2 "pillow-$version/Tests/images"
mkdir -p "$target"
mv "$work/unpacked/images" "$target/images"
echo "fetch-pillow-images: Pillow $version's test images are in $target/images" >&2
