"""What a bug report needs to know about this machine: versions, devices, fast number formats, the asset
cache and the distribution settings in force. ``genlab info`` prints it; ``genlab.info()`` returns it."""

import importlib.metadata
import os
import platform

from genlab import __version__

BACKEND_DISTRIBUTIONS = {"tensorflow": ("tensorflow", "tensorflow-cpu"), "jax": ("jax",), "torch": ("torch",)}


def info():
    """A dictionary: ``versions``, ``backend``, ``devices``, ``fast`` (bfloat16, float16), ``assets`` and
    ``distribution``."""
    import keras
    import numpy as np

    from genlab import assets, backend
    from genlab.training.distribution import settings_in_force

    name = keras.backend.backend()
    return {
        "versions": {"genlab": __version__, "keras": keras.__version__, name: _backend_version(name),
                     "numpy": np.__version__, "python": platform.python_version()},
        "backend": name,
        "devices": backend.devices(),
        "fast": {"bfloat16": backend.bfloat16_is_fast(), "float16": backend.float16_is_fast()},
        "assets": {"home": str(assets.home()),
                   "cached": {asset.name: assets.cached_size(asset.name) for asset in assets.list_assets()
                              if assets.is_cached(asset.name)}},
        "distribution": {**settings_in_force(), **{key: os.environ[key] for key in ("XLA_FLAGS", "JAX_NUM_CPU_DEVICES",
                                                                                   "CUDA_VISIBLE_DEVICES")
                                                   if key in os.environ}},
    }


def describe(facts):
    """``info()`` as lines of text, one screen."""
    versions = " · ".join(f"{name} {version}" for name, version in facts["versions"].items())
    lines = [f"backend   {facts['backend']} (KERAS_BACKEND)", f"versions  {versions}", "devices"]
    lines += [f"  {device['name']:<10} {device['kind']:<4} {_size(device['memory'])}" for device in facts["devices"]]
    lines.append("fast here " + " · ".join(f"{name} {'yes' if fast else 'no'}" for name, fast in facts["fast"].items()))
    cached = facts["assets"]["cached"]
    lines.append(f"assets    {facts['assets']['home']}: "
                 + (", ".join(f"{name} ({_size(size)})" for name, size in cached.items()) or "nothing cached"))
    lines.append("distribution " + " · ".join(f"{key} {value}" for key, value in facts["distribution"].items()))
    return lines


def _backend_version(name):
    for distribution in BACKEND_DISTRIBUTIONS.get(name, (name,)):
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown"


def _size(count):
    if count is None:
        return "memory unknown"
    return f"{count / 2**30:.1f} GiB" if count >= 2**30 else f"{count / 2**20:.1f} MiB"
