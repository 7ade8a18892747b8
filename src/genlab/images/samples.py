"""Photos that ship inside installed Python packages: offline defaults for examples, tests and demos.

Files are located with ``importlib.util.find_spec``, which finds a package without importing it (importing
scikit-image alone takes about a second).
"""

import importlib.util
from pathlib import Path
from typing import NamedTuple

from genlab.errors import GenlabError


class SamplePhoto(NamedTuple):
    module: str  # the importable package that holds the file
    distribution: str  # the name to pip install
    member: str  # the file, relative to the package folder


_SKIMAGE, _SKLEARN, _MATPLOTLIB = ("skimage", "scikit-image"), ("sklearn", "scikit-learn"), ("matplotlib", "matplotlib")
SAMPLE_PHOTOS = {  # sizes are width×height
    "astronaut": SamplePhoto(*_SKIMAGE, "data/astronaut.png"),  # Eileen Collins, 512×512
    "chelsea": SamplePhoto(*_SKIMAGE, "data/chelsea.png"),  # a cat, 451×300
    "coffee": SamplePhoto(*_SKIMAGE, "data/coffee.png"),  # a cup of coffee, 600×400
    "rocket": SamplePhoto(*_SKIMAGE, "data/rocket.jpg"),  # a launch, 640×427
    "hubble_deep_field": SamplePhoto(*_SKIMAGE, "data/hubble_deep_field.jpg"),  # galaxies, 1000×872
    "immunohistochemistry": SamplePhoto(*_SKIMAGE, "data/ihc.png"),  # stained tissue, 512×512: a rich texture
    "china": SamplePhoto(*_SKLEARN, "datasets/images/china.jpg"),  # a temple, 640×427
    "flower": SamplePhoto(*_SKLEARN, "datasets/images/flower.jpg"),  # a flower, 640×427
    "grace_hopper": SamplePhoto(*_MATPLOTLIB, "mpl-data/sample_data/grace_hopper.jpg"),  # a portrait, 512×600
}


def sample_photo(name: str) -> Path:
    """The path of the sample photo called ``name`` (see ``SAMPLE_PHOTOS``), if its package is installed."""
    if name not in SAMPLE_PHOTOS:
        raise GenlabError(f"no sample photo called {name!r}; installed ones: {_names(sample_photos())}")
    photo = SAMPLE_PHOTOS[name]
    path = _locate(photo)
    if path is None:
        raise GenlabError(f"sample photo {name} comes with {photo.distribution}, which is not installed "
                          f"(pip install {photo.distribution}); installed ones: {_names(sample_photos())}")
    if not path.is_file():
        raise GenlabError(f"sample photo {name} is not in the installed {photo.distribution} (no {path}); "
                          f"installed ones: {_names(sample_photos())}")
    return path


def sample_photos() -> dict[str, Path]:
    """Name → path of every sample photo present in the installed packages."""
    located = {name: _locate(photo) for name, photo in SAMPLE_PHOTOS.items()}
    return {name: path for name, path in located.items() if path is not None and path.is_file()}


def _locate(photo: SamplePhoto) -> Path | None:
    """Where ``photo`` would be in its installed package, or None if the package is not installed."""
    spec = importlib.util.find_spec(photo.module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)), photo.member)


def _names(photos) -> str:
    return ", ".join(photos) or "none (pip install scikit-image)"
