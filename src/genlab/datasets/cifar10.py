"""CIFAR-10 from the standard python version (``cifar-10-python.tar.gz``, or the folder it unpacks to).

The batches are pickles; they are read with the arrays-only unpickler, straight out of the tarball.
"""

import tarfile
from pathlib import Path

import numpy as np

from genlab.datasets.image_set import ImageSet
from genlab.datasets.safe_pickle import load_arrays
from genlab.errors import GenlabError
from genlab.types import PathLike

CIFAR10_CLASSES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
_BATCHES = {"train": [f"data_batch_{i}" for i in range(1, 6)], "test": ["test_batch"]}


def load_cifar10(path: PathLike, class_name: str | int | None = None, split: str = "train") -> ImageSet:
    """CIFAR-10 ``split`` as an ImageSet of (N, 32, 32, 3) images, only ``class_name`` (name or 0–9) if given."""
    label = None if class_name is None else class_index(class_name)
    batches = [_batch_arrays(batch, name) for name, batch in _read_batches(Path(path), _BATCHES[split])]
    images = np.concatenate([images for images, _ in batches])
    labels = np.concatenate([labels for _, labels in batches])
    data = ImageSet(images.astype("float32") / 255.0, labels, f"CIFAR-10 {split}")
    return data if label is None else data.where(label)


def class_index(class_name):
    """The label of a CIFAR-10 class given by name (``frog``) or number (``6``)."""
    name = str(class_name).strip().lower()
    if name.isdigit() and int(name) < len(CIFAR10_CLASSES):
        return int(name)
    if name in CIFAR10_CLASSES:
        return CIFAR10_CLASSES.index(name)
    raise GenlabError(f"unknown CIFAR-10 class {class_name!r}; choose from {', '.join(CIFAR10_CLASSES)} or 0–9")


def _read_batches(path, names):
    """(name, unpickled dict) for each batch ``names`` in the tarball or folder at ``path``."""
    if path.is_dir():
        folder = path / "cifar-10-batches-py" if (path / "cifar-10-batches-py").is_dir() else path
        for name in names:
            if not (folder / name).is_file():
                raise GenlabError(f"{path} has no CIFAR-10 batch {name}; give the python version's tarball or folder")
            with open(folder / name, "rb") as file:
                yield name, load_arrays(file, f"{path}: {name}")
        return
    if not path.is_file():
        raise GenlabError(f"CIFAR-10 file not found: {path}")
    try:
        archive = tarfile.open(path, "r:*")
    except tarfile.ReadError:  # its message lists every compression tried, one line each
        raise GenlabError(f"{path} is not a tar archive; give CIFAR-10's python version (cifar-10-python.tar.gz) "
                          "or the folder it unpacks to") from None
    try:
        with archive:
            members = {Path(member.name).name: member for member in archive.getmembers() if member.isfile()}
            for name in names:
                if name not in members:
                    raise GenlabError(f"{path} has no CIFAR-10 batch {name}; is it cifar-10-python.tar.gz?")
                yield name, load_arrays(archive.extractfile(members[name]), f"{path}: {name}")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise GenlabError(f"{path} is not a readable CIFAR-10 tarball: {error}") from None


def _batch_arrays(batch, name):
    """(images uint8 (N, 32, 32, 3), labels) from one unpickled batch."""
    try:
        data = np.asarray(batch["data"], dtype="uint8").reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        labels = np.asarray(batch["labels"], dtype="int64")
    except (TypeError, KeyError, ValueError):
        raise GenlabError(f"CIFAR-10 batch {name} does not hold 32×32 colour images with labels") from None
    if len(data) != len(labels):
        raise GenlabError(f"CIFAR-10 batch {name} has {len(data)} images but {len(labels)} labels")
    return data, labels
