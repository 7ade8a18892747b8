"""Data-parallel training over several devices and several machines, with Keras' own distribution API.

``keras.distribution.DataParallel`` keeps a copy of the weights on every device, splits each batch across
them and averages the gradients; ``keras.distribution.initialize`` joins the processes of several machines
(one process per machine, coordinated through process 0's address). Both run on the JAX backend only: the
TensorFlow backend's distribution library is a prototype, and ``tf.distribute`` has open Keras 3 bugs.

The user's batch size stays the global batch: every device gets an equal share, and every process feeds the
rows of each global batch that belong to its own devices. Batches are pure functions of the global step, so
every process knows the same global batch, and a run resumes exactly whether or not it was distributed
before. All processes run the same computations (the weights, samples and evaluations are computed together),
but only process 0 writes: checkpoints, samples and progress.
"""

import contextlib
import os
import sys
import threading
from dataclasses import dataclass

import keras
import numpy as np

from genlab.errors import GenlabError, first_line

JAX_EXTRA = "pip install 'genlab[jax]' (or 'genlab[jax-cuda]' for NVIDIA GPUs) and set KERAS_BACKEND=jax"
ENVIRONMENT = ("KERAS_DISTRIBUTION_JOB_ADDRESSES", "KERAS_DISTRIBUTION_NUM_PROCESSES", "KERAS_DISTRIBUTION_PROCESS_ID")
#: Seconds a process waits to join the others, and for the others at any one step, before it gives up.
JOIN_TIMEOUT = float(os.environ.get("GENLAB_JOIN_TIMEOUT", 120))
PEER_TIMEOUT = float(os.environ.get("GENLAB_PEER_TIMEOUT", 600))


@dataclass(frozen=True)
class Distribute:
    """How to spread training: over ``devices`` devices of this machine (None: all of them), and, to join
    several machines, ``coordinator`` (``HOST:PORT`` of process 0), ``num_processes`` and this ``process_id``.

    Left unset, the three come from Keras' ``KERAS_DISTRIBUTION_*`` environment variables when those are set.
    """

    devices: int | None = None
    coordinator: str | None = None
    num_processes: int | None = None
    process_id: int | None = None

    def joins_hosts(self):
        return self.coordinator is not None or any(name in os.environ for name in ENVIRONMENT)


class Placement:
    """Where a run trains: its ``devices`` (Keras device names, over all processes) and this process's place.

    ``Placement()`` is one device in one process: training as without distribution.
    """

    def __init__(self, devices=(), process_id=0, num_processes=1):
        self.devices = list(devices)
        self.process_id = process_id
        self.num_processes = num_processes

    @property
    def device_count(self):
        return max(1, len(self.devices))

    @property
    def writes(self):
        """Whether this process writes checkpoints, samples and progress (process 0 alone does)."""
        return self.process_id == 0

    def check_batch(self, batch_size, option="--batch-size"):
        if batch_size % self.device_count:
            raise GenlabError(f"{option} {batch_size} does not split evenly over {self.device_count} devices; "
                              f"choose a multiple of {self.device_count}")

    def rows(self, batch_size):
        """This process's rows of a global batch of ``batch_size``."""
        share = batch_size // self.num_processes
        return slice(self.process_id * share, (self.process_id + 1) * share)

    def shard(self, batch):
        """``batch(step)`` cut to this process's rows (the whole batch in a single process)."""
        if self.num_processes == 1:
            return batch
        return lambda step: _rows_of(batch(step), self)

    def evaluation(self, data, batch_size):
        """Held-out ``data`` (an array, or an ``(x, y)`` pair) in batches of about ``batch_size`` that split
        evenly over the devices: the last few rows that would leave a device without an equal share (fewer
        than the device count; none on one device) are left out, and each process gets its own rows."""
        return EvenBatches(data, batch_size - batch_size % self.device_count or self.device_count, self)

    def report(self, report):
        """``report`` in process 0; silence in the others."""
        return report if self.writes else (lambda *args, **kwargs: None)

    def lock(self, lock):
        """The run's lock context in process 0; none in the others, which write nothing."""
        return lock if self.writes else contextlib.nullcontext()

    def describe(self):
        if not self.devices:
            return "one device"
        where = f" in {self.num_processes} processes" if self.num_processes > 1 else ""
        return f"data-parallel over {len(self.devices)} devices{where} ({', '.join(self.devices)})"


class EvenBatches(keras.utils.PyDataset):
    """Evaluation batches whose every size is a multiple of the device count; this process's rows of each."""

    def __init__(self, data, batch_size, placement):
        super().__init__()
        self.data = data
        self.batch_size = batch_size
        self.placement = placement
        rows = len(keras.tree.flatten(data)[0])
        self.rows = rows - rows % placement.device_count

    def __len__(self):
        return -(-self.rows // self.batch_size)

    def __getitem__(self, index):
        chosen = slice(index * self.batch_size, min((index + 1) * self.batch_size, self.rows))
        return _rows_of(_take(self.data, chosen), self.placement)


def _take(data, rows):
    """The ``rows`` of every array in ``data`` (an array, or a nested tuple of arrays with one row per example)."""
    return keras.tree.map_structure(lambda part: part[rows], data)


def _rows_of(batch, placement):
    return _take(batch, placement.rows(len(keras.tree.flatten(batch)[0])))


@contextlib.contextmanager
def data_parallel(distribute=None):
    """Train data-parallel inside the block as ``distribute`` (a :class:`Distribute`, True for all local
    devices, or None for one device) asks; yield the :class:`Placement`.

    Several machines are joined first, before anything else touches the backend.
    """
    if distribute is None or distribute is False:
        yield Placement()
        return
    distribute = Distribute() if distribute is True else distribute
    if keras.backend.backend() != "jax":
        raise GenlabError(f"distributed training runs on the JAX backend, not {keras.backend.backend()}: "
                          f"{JAX_EXTRA}")
    if distribute.joins_hosts():
        join_hosts(distribute)
    from genlab.backend import data_parallel_devices, process_place

    devices, local = data_parallel_devices(distribute.devices)
    if distribute.devices is not None and distribute.devices > local:
        raise GenlabError(f"--devices {distribute.devices}: this machine has only {local} "
                          f"{'device' if local == 1 else 'devices'}")
    process_id, num_processes = process_place()
    previous = keras.distribution.distribution()
    # Each process feeds its own rows (Placement.shard), so Keras must not shard the batches again.
    keras.distribution.set_distribution(keras.distribution.DataParallel(devices=devices, auto_shard_dataset=False))
    try:
        with watched(num_processes):
            yield Placement(devices, process_id, num_processes)
    except (Exception, KeyboardInterrupt) as error:
        if num_processes > 1:
            _end_without_peers(error)
        raise
    finally:
        keras.distribution.set_distribution(previous)


def _end_without_peers(error):
    """End a process of a multi-host run that failed, at once and in one line. Left to itself it would wait
    at JAX's shutdown barrier for the others, which are failing too, and then abort with a C++ trace."""
    if isinstance(error, KeyboardInterrupt):
        _give_up(str(error) or "interrupted", 130, prefix="genlab: ")
    if isinstance(error, GenlabError):
        _give_up(str(error))
    _give_up(f"another process of this run stopped or lost its connection ({first_line(error)}); restart them "
             "all (with --resume)")


def join_hosts(distribute):
    """``keras.distribution.initialize`` with the settings checked first, within ``JOIN_TIMEOUT`` seconds."""
    count = distribute.num_processes
    index = distribute.process_id
    if count is None and "KERAS_DISTRIBUTION_NUM_PROCESSES" in os.environ:
        count = _integer("KERAS_DISTRIBUTION_NUM_PROCESSES")
    if index is None and "KERAS_DISTRIBUTION_PROCESS_ID" in os.environ:
        index = _integer("KERAS_DISTRIBUTION_PROCESS_ID")
    address = distribute.coordinator or os.environ.get("KERAS_DISTRIBUTION_JOB_ADDRESSES", "").split(",")[0]
    if count is None or index is None or not address:
        raise GenlabError("joining several machines needs --coordinator HOST:PORT, --num-processes N and "
                          "--process-id I (or the KERAS_DISTRIBUTION_* environment variables)")
    if count < 1 or not 0 <= index < count:
        raise GenlabError(f"--process-id {index} is not one of the {count} processes: give 0 to {count - 1}")
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise GenlabError(f"--coordinator {address!r} is not HOST:PORT (e.g. 10.0.0.1:7777)")
    with _deadline(JOIN_TIMEOUT, f"process {index} could not join the other {count - 1} at {address} within "
                   f"{JOIN_TIMEOUT:.0f} s: start every process, and check the address and the firewall"):
        try:
            keras.distribution.initialize(address, count, index)
        except (RuntimeError, ValueError) as error:
            raise GenlabError(f"could not join the run at {address}: {first_line(error)}") from None


def _integer(name):
    try:
        return int(os.environ[name])
    except ValueError:
        raise GenlabError(f"{name} is {os.environ[name]!r}, not a whole number") from None


class Watchdog:
    """Ends this process with one line when nothing moves for ``timeout`` seconds: a process of a multi-host
    run whose peer died would otherwise wait for it for ever inside a collective operation."""

    def __init__(self, timeout, message):
        self.timeout = timeout
        self.message = message
        self.timer = None

    def feed(self):
        self.stop()
        self.timer = threading.Timer(self.timeout, _give_up, (self.message,))
        self.timer.daemon = True
        self.timer.start()

    def stop(self):
        if self.timer is not None:
            self.timer.cancel()


class WatchdogFeeder(keras.callbacks.Callback):
    """Feeds the watchdog at every batch and epoch boundary of training and evaluation."""

    def __init__(self, watchdog):
        super().__init__()
        self.watchdog = watchdog

    def on_train_batch_end(self, batch, logs=None):
        self.watchdog.feed()

    on_test_batch_end = on_epoch_begin = on_epoch_end = on_train_batch_end


_watchdog = None


def callbacks():
    """The callbacks a training loop adds under distribution (a watchdog feeder across processes)."""
    return [WatchdogFeeder(_watchdog)] if _watchdog is not None else []


@contextlib.contextmanager
def watched(num_processes):
    global _watchdog
    if num_processes == 1:
        yield
        return
    _watchdog = Watchdog(PEER_TIMEOUT, f"no progress for {PEER_TIMEOUT:.0f} s: another process of this run has "
                         "stopped or lost its connection; restart them all (with --resume)")
    _watchdog.feed()
    try:
        yield
    finally:
        _watchdog.stop()
        _watchdog = None


@contextlib.contextmanager
def _deadline(seconds, message):
    watchdog = Watchdog(seconds, message)
    watchdog.feed()
    try:
        yield
    finally:
        watchdog.stop()


def _give_up(message, status=2, prefix="genlab: error: "):
    print(f"{prefix}{message}", file=sys.stderr, flush=True)
    sys.stdout.flush()
    os._exit(status)


def writes_files():
    """Whether this process writes (always, except in processes other than 0 of a multi-host run)."""
    return _place()[0] == 0


@contextlib.contextmanager
def undistributed():
    """No distribution in force inside the block. Saving a model creates a throwaway Keras optimizer; under a
    multi-host distribution that would be a collective operation, which process 0 (the only one that saves)
    would wait in for ever. The weights themselves are replicated, so every process holds them whole."""
    previous = keras.distribution.distribution()
    keras.distribution.set_distribution(None)
    try:
        yield
    finally:
        keras.distribution.set_distribution(previous)


def predict_evenly(model, x, batch_size):
    """``model.predict(x)`` also under a data-parallel distribution, which splits every batch evenly over the
    devices: the rows are padded with copies of the last to a multiple of the device count, then cut off."""
    current = keras.distribution.distribution()
    count = 1 if current is None else int(np.prod(current.device_mesh.shape))
    padding = -len(x) % count
    padded = np.concatenate([x, np.repeat(x[-1:], padding, axis=0)]) if padding else x
    predicted = model.predict(padded, batch_size=max(count, batch_size - batch_size % count), verbose=0)
    return keras.tree.map_structure(lambda rows: rows[:len(x)], predicted)


def check_time_budget(minutes):
    """A time budget would stop the processes of a multi-host run at different steps, one waiting for ever."""
    if minutes is not None and _place()[1] > 1:
        raise GenlabError("--minutes would stop the processes at different steps: give them all --epochs "
                          "(--steps for gan and style) instead")


def _place():
    if keras.distribution.distribution() is None:
        return 0, 1
    from genlab.backend import process_place

    return process_place()


def settings_in_force():
    """What ``genlab info`` reports: the distribution set now, and the ``KERAS_DISTRIBUTION_*`` variables."""
    current = keras.distribution.distribution()
    settings = {"keras.distribution": "none" if current is None else type(current).__name__}
    settings.update({name: os.environ[name] for name in ENVIRONMENT if name in os.environ})
    return settings
