"""Reading PyTorch checkpoints (``.pth``) with NumPy alone, without running any code the file names.

A checkpoint is a pickle whose tensors point at raw storages kept beside it, in one of two layouts:

- the zip archive torch writes since 1.6: ``<prefix>/data.pkl`` and one file ``<prefix>/data/<key>`` per
  storage;
- the legacy stream of older checkpoints (torchvision's MobileNetV2 among them): five pickles back to back
  (magic number, protocol version, system info, the object, the storage keys), then each storage as an
  int64 element count followed by its raw bytes.

Unpickling untrusted data can run arbitrary code, so the unpickler resolves only the few globals a state dict
needs, each to a harmless stand-in, and refuses every other one. Tensors come back as NumPy arrays.
"""

import pickle
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np

from genlab.errors import GenlabError

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C

STORAGE_DTYPES = {
    "FloatStorage": "f4",
    "DoubleStorage": "f8",
    "HalfStorage": "f2",
    "LongStorage": "i8",
    "IntStorage": "i4",
    "ShortStorage": "i2",
    "CharStorage": "i1",
    "ByteStorage": "u1",
    "BoolStorage": "?",
}


class _StorageType:
    """Stands in for ``torch.FloatStorage`` and its kin: all a loader needs from them is the element type."""

    def __init__(self, dtype):
        self.dtype = np.dtype(dtype)


class _Storage:
    """A flat buffer of ``numel`` elements; the legacy layout fills ``data`` only after the object pickle."""

    def __init__(self, dtype, numel):
        self.dtype = dtype
        self.numel = numel
        self.data = None


class _TensorRef:
    """A tensor waiting for its storage's bytes: ``torch._utils._rebuild_tensor_v2`` stand-in."""

    def __init__(self, storage, offset, shape, stride, *_):
        self.storage, self.offset, self.shape, self.stride = storage, offset, tuple(shape), tuple(stride)

    def array(self) -> np.ndarray:
        storage = self.storage
        extent = self.offset + sum((n - 1) * s for n, s in zip(self.shape, self.stride)) if all(self.shape) else 0
        if self.offset < 0 or min(self.stride, default=0) < 0 or extent >= max(storage.numel, 1):
            # as_strided does no bounds checks: a forged stride would read memory outside the buffer.
            raise GenlabError("a tensor in the checkpoint reaches outside its storage; the file is corrupt")
        item = storage.data.itemsize
        view = np.lib.stride_tricks.as_strided(storage.data[self.offset:], self.shape,
                                               [s * item for s in self.stride], writeable=False)
        return np.array(view, dtype=storage.data.dtype.newbyteorder("="))


def _rebuild_parameter(data, *_):
    return data


SAFE_GLOBALS = {
    ("collections", "OrderedDict"): OrderedDict,
    ("torch._utils", "_rebuild_tensor_v2"): _TensorRef,
    ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
    **{("torch", name): _StorageType(dtype) for name, dtype in STORAGE_DTYPES.items()},
}


class _Unpickler(pickle.Unpickler):
    """Resolves only :data:`SAFE_GLOBALS`; hands each storage reference to ``storage(key, type, numel)``."""

    def __init__(self, file, source, storage):
        super().__init__(file)
        self.source = source
        self.storage = storage

    def find_class(self, module, name):
        try:
            return SAFE_GLOBALS[module, name]
        except KeyError:
            raise GenlabError(f"{self.source} refers to {module}.{name}, which a weights file has no use for; "
                              "refusing to load it (it may be malicious)") from None

    def persistent_load(self, saved_id):
        if not (isinstance(saved_id, tuple) and saved_id[:1] == ("storage",) and len(saved_id) >= 5
                and isinstance(saved_id[1], _StorageType)):
            raise GenlabError(f"{self.source} holds an object reference genlab cannot read: {saved_id!r:.80}")
        if len(saved_id) > 5 and saved_id[5] is not None:
            raise GenlabError(f"{self.source} uses storage views (an old torch feature) that genlab does not read")
        _, storage_type, key, _location, numel = saved_id[:5]
        return self.storage(str(key), storage_type.dtype, int(numel))


def read_checkpoint(path):
    """The object saved in a PyTorch checkpoint (usually a state dict), with every tensor as a NumPy array."""
    path = Path(path)
    try:
        if zipfile.is_zipfile(path):
            return _materialise(_read_zip(path))
        with open(path, "rb") as file:
            return _materialise(_read_legacy(file, path.name))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ValueError,
            zipfile.BadZipFile) as error:
        raise GenlabError(f"{path} is not a readable PyTorch checkpoint ({error})") from None


def _read_zip(path):
    with zipfile.ZipFile(path) as archive:
        pickles = [name for name in archive.namelist() if name.endswith("data.pkl") and name.count("/") == 1]
        if len(pickles) != 1:
            raise GenlabError(f"{path} is a zip file but not a PyTorch checkpoint (no <name>/data.pkl)")
        prefix = pickles[0][: -len("data.pkl")]
        names = set(archive.namelist())
        big_endian = f"{prefix}byteorder" in names and archive.read(f"{prefix}byteorder").strip() == b"big"
        storages = {}

        def storage(key, dtype, numel):
            if key not in storages:
                data = archive.read(f"{prefix}data/{key}")
                storages[key] = _Storage(dtype, numel)
                storages[key].data = _buffer(data, dtype.newbyteorder(">" if big_endian else "<"), numel, key)
            return storages[key]

        with archive.open(pickles[0]) as file:
            return _Unpickler(file, path.name, storage).load()


def _read_legacy(file, source):
    header = _Unpickler(file, source, None)
    if header.load() != LEGACY_MAGIC:
        raise GenlabError(f"{source} is neither a zip nor a legacy PyTorch checkpoint")
    header.load()  # protocol version
    info = header.load()
    order = "<" if info.get("little_endian", True) else ">"
    storages = {}

    def storage(key, dtype, numel):
        return storages.setdefault(key, _Storage(dtype.newbyteorder(order), numel))

    result = _Unpickler(file, source, storage).load()
    for key in _Unpickler(file, source, None).load():
        stored = storages[str(key)]
        count = int(np.frombuffer(file.read(8), order + "i8")[0])
        stored.data = _buffer(file.read(count * stored.dtype.itemsize), stored.dtype, stored.numel, key)
    return result


def _buffer(data, dtype, numel, key):
    if len(data) != numel * dtype.itemsize:
        raise GenlabError(f"storage {key} of the checkpoint has {len(data)} bytes, expected {numel * dtype.itemsize}")
    return np.frombuffer(data, dtype)


def _materialise(value):
    """Replace every tensor reference inside dicts, lists and tuples by its array."""
    if isinstance(value, _TensorRef):
        if value.storage.data is None:
            raise GenlabError("the checkpoint refers to a storage it does not contain; the file is corrupt")
        return value.array()
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = _materialise(item)
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(_materialise(item) for item in value)
    return value
