"""The one place that knows which Keras backend is running: compiled loops, input gradients, what can be exported.

Everything else in genlab is written with ``keras.ops``. A Python loop of eager calls is far too slow for
token-by-token generation on TensorFlow (~7 tokens/s for an LSTM), so the whole loop is compiled here; and
Keras has no backend-neutral way to differentiate with respect to an input image.
"""

import ctypes
import functools
import importlib.util
import os
import weakref

import keras
import numpy as np

_compiled = weakref.WeakKeyDictionary()


def compiled_for(model, fn, key):
    """Compile ``fn``, a function that calls ``model``, and return the compiled version.

    TensorFlow reads variables when the graph runs, so its compiled function is kept on the model and
    reused (under ``key``) even after training changes the weights. XLA compilation makes the token loop
    about 20 times faster than a plain TensorFlow graph on a CPU (BENCHMARKS.md), first call included. JAX bakes the weights into the traced
    program, so it compiles afresh on every request. PyTorch runs ``fn`` eagerly.
    """
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        cache = _compiled.setdefault(model, {})
        if key not in cache:
            cache[key] = tf.function(fn, reduce_retracing=True, jit_compile=True)
        return cache[key]
    if backend == "jax":
        import jax

        return jax.jit(fn)
    return fn


def compiled_assignment(targets, sources, fn):
    """Compile ``fn(target values, source values, *args) -> new target values`` (written with ``keras.ops``)
    and return ``*args -> None``, which assigns the results to the ``targets`` variables. One compiled call
    instead of a few eager operations per variable: moving a U-Net's weight average eagerly cost about 50 ms
    of a 350 ms training step on TensorFlow (BENCHMARKS.md)."""
    backend = keras.backend.backend()
    if backend == "jax":
        import jax

        values = jax.jit(fn)
    elif backend == "torch":
        import torch

        values = torch.no_grad()(fn)
    else:
        values = fn

    def assign(*args):
        for target, value in zip(targets, values([t.value for t in targets], [s.value for s in sources], *args)):
            target.assign(value)

    if backend == "tensorflow":
        import tensorflow as tf

        return tf.function(assign)  # the assignments too run inside the graph
    return assign


def _expected_retracing(record):
    """``False`` for TensorFlow's warning that a function was compiled for several shapes in a row: an image's
    gradient is compiled once per shape on purpose (a tiled dream's edge windows), which the warning calls a
    mistake."""
    return "triggered tf.function retracing" not in record.getMessage()


def value_and_input_gradient(fn, then=None):
    """Compile ``x, *args -> (fn(x, *args), d fn / d x)`` for a scalar ``fn`` written with ``keras.ops``.

    This is what gradient ascent on an image (DeepDream) and optimisation of an image (style transfer)
    need; Keras has no backend-neutral gradient, so each backend's own is used here. Inputs and outputs are
    NumPy arrays. ``then(x, value, gradient, *args)``, also written with ``keras.ops``, is compiled into the
    same program and its result returned instead, so that work on the gradient (an ascent step) needs no
    round trip through NumPy.
    """
    then = then or (lambda x, value, gradient, *args: (value, gradient))
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        tf.get_logger().addFilter(_expected_retracing)

        @tf.function
        def compiled(x, *args):
            with tf.GradientTape() as tape:
                tape.watch(x)
                value = fn(x, *args)
            return then(x, value, tape.gradient(value, x), *args)

        return lambda x, *args: tuple(np.asarray(t) for t in compiled(tf.constant(x), *args))
    if backend == "jax":
        import jax

        gradient = jax.value_and_grad(fn)
        compiled = jax.jit(lambda x, *args: then(x, *gradient(x, *args), *args))
        return lambda x, *args: tuple(np.asarray(t) for t in compiled(x, *args))
    import torch

    def eager(x, *args):
        x = torch.tensor(x, requires_grad=True)
        value = fn(x, *args)
        (gradient,) = torch.autograd.grad(value, x)
        with torch.no_grad():
            return tuple(torch.as_tensor(t).detach().cpu().numpy() for t in then(x.detach(), value, gradient, *args))

    return eager


#: oneDNN's instruction-set caps (``ONEDNN_MAX_CPU_ISA``) that still allow its bfloat16 kernels.
_BFLOAT16_ISAS = ("AVX512_CORE_BF16", "AVX512_CORE_AMX", "AVX512_CORE_AMX_FP16", "AVX10_1_512_AMX",
                  "AVX10_1_512_AMX_FP16", "AVX10_2_512_AMX_2", "DEFAULT", "ALL")


def bfloat16_is_fast(cpu_flags=None, environ=None):
    """Whether bfloat16 matrix work runs in hardware on this CPU for TensorFlow and PyTorch (oneDNN).

    It does on CPUs with AVX512-BF16 or AMX, unless ``ONEDNN_MAX_CPU_ISA`` caps oneDNN below them (as
    ``AVX2`` does, to stand in for a laptop). Elsewhere bfloat16 is emulated and slower than float32
    (BENCHMARKS.md), and so it is on JAX's CPU backend.
    """
    if keras.backend.backend() == "jax":
        return False
    if cpu_flags is None:
        cpu_flags = _cpu_flags()
    cap = (os.environ if environ is None else environ).get("ONEDNN_MAX_CPU_ISA", "ALL").upper()
    return bool({"avx512_bf16", "amx_bf16"} & cpu_flags) and cap in _BFLOAT16_ISAS


def _cpu_flags():
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("flags"):
                    return set(line.partition(":")[2].split())
    except OSError:
        pass
    return set()


#: What Keras' ``model.export`` needs to write each format on each backend: the Python packages it imports,
#: or None where that backend cannot write the format at all (LiteRT, i.e. TFLite, from JAX).
EXPORT_NEEDS = {
    "tf_saved_model": {"tensorflow": ("tensorflow",), "jax": ("tensorflow",), "torch": ("tensorflow", "torch_xla")},
    "litert": {"tensorflow": ("tensorflow",), "jax": None, "torch": ("litert_torch",)},
    "onnx": {"tensorflow": ("tf2onnx", "onnx"), "jax": ("jax2onnx", "onnx"), "torch": ("onnx",)},
}


def export_missing(keras_format, backend=None):
    """The packages that ``model.export(format=keras_format)`` lacks here on ``backend`` (default: the running
    one): an empty list when it can export, None when that backend cannot export the format at all."""
    needs = EXPORT_NEEDS[keras_format].get(backend or keras.backend.backend())
    if needs is None:
        return None
    return [name for name in needs if importlib.util.find_spec(name) is None]


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters
KEPT_FREE_MEMORY = 256 * 2**20  # bytes of freed heap kept for reuse before any is returned to the system
LARGEST_HEAP_ALLOCATION = 32 * 2**20  # glibc's ceiling for the mmap threshold on 64-bit machines


@functools.cache
def reuse_freed_memory():
    """Undo, once per process, what TensorFlow does to glibc's allocator when Keras feeds ``fit`` from Python.

    TensorFlow's generator dataset sets glibc's ``M_TRIM_THRESHOLD`` to 128 kB the first time one is made.
    Setting it also stops glibc from raising its mmap threshold, so every tensor above 128 kB is mapped
    and unmapped afresh each step and faults its pages in again: about 150,000 page faults per step of the
    diffusion ``cpu`` preset, 1.6 times its step time on a machine where page faults are slow
    (BENCHMARKS.md, "Training loop overhead"). This makes that dataset once, so that TensorFlow's setting is
    in place, then sets both thresholds high, so that freed memory is reused. Other backends, and systems
    without glibc, are left alone.
    """
    if keras.backend.backend() != "tensorflow":
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    import tensorflow as tf

    for _ in tf.data.Dataset.from_generator(lambda: iter([0]), output_signature=tf.TensorSpec((), tf.int32)):
        pass
    libc.mallopt(M_TRIM_THRESHOLD, KEPT_FREE_MEMORY)
    libc.mallopt(M_MMAP_THRESHOLD, LARGEST_HEAP_ALLOCATION)


def float16_is_fast(cpu_flags=None):
    """Whether float16 matrix work runs in hardware here: on a GPU, and on CPUs with AVX512-FP16 or AMX-FP16
    (TensorFlow and PyTorch only; JAX's CPU backend emulates it)."""
    if any(device["kind"] == "gpu" for device in devices()):
        return True
    if keras.backend.backend() == "jax":
        return False
    return bool({"avx512_fp16", "amx_fp16"} & (_cpu_flags() if cpu_flags is None else cpu_flags))


def devices():
    """The devices the backend sees: ``{"name", "kind" (cpu, gpu, tpu), "memory" (bytes, or None)}`` each."""
    backend = keras.backend.backend()
    if backend == "jax":
        import jax

        return [{"name": f"{device.platform}:{device.id}", "kind": device.platform,
                 "memory": (device.memory_stats() or {}).get("bytes_limit") if device.platform != "cpu" else _host_memory()}
                for device in jax.devices()]
    if backend == "tensorflow":
        import tensorflow as tf

        return [{"name": device.name.removeprefix("/physical_device:").lower(), "kind": device.device_type.lower(),
                 "memory": _host_memory() if device.device_type == "CPU" else None}
                for device in tf.config.list_physical_devices()]
    if backend == "torch":
        import torch

        gpus = [{"name": f"gpu:{index}", "kind": "gpu", "memory": torch.cuda.get_device_properties(index).total_memory}
                for index in range(torch.cuda.device_count())]
        return [{"name": "cpu:0", "kind": "cpu", "memory": _host_memory()}, *gpus]
    return [{"name": "cpu:0", "kind": "cpu", "memory": _host_memory()}]


def _host_memory():
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def data_parallel_devices(per_process=None):
    """(Keras names of every process's first ``per_process`` devices (all when None), this process's device
    count), for ``keras.distribution.DataParallel`` on the JAX backend."""
    import jax

    local = {}
    for device in jax.devices():
        local.setdefault(device.process_index, []).append(device)
    chosen = [device for owned in local.values() for device in owned[:per_process]]
    return [f"{device.platform}:{device.id}" for device in chosen], jax.local_device_count()


def process_place():
    """(this process's index, the number of processes) of a multi-host run; (0, 1) otherwise."""
    if keras.backend.backend() != "jax":
        return 0, 1
    import jax

    return jax.process_index(), jax.process_count()
