"""Keras callbacks every trainer uses: a wall-clock budget, Ctrl-C at batch boundaries and atomic per-epoch
checkpoints."""

import contextlib
import signal
import threading
import time

import keras

from genlab.training.checkpoint import save_checkpoint


class TimeBudget(keras.callbacks.Callback):
    """Stop training (after the current batch) once ``deadline`` (a ``time.monotonic()`` value) has passed."""

    def __init__(self, deadline):
        super().__init__()
        self.deadline = deadline
        self.expired = False

    def on_train_batch_end(self, batch, logs=None):
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.expired = True
            self.model.stop_training = True


class CtrlC(keras.callbacks.Callback):
    """Turn Ctrl-C into a ``KeyboardInterrupt`` at the end of the current batch.

    A ``KeyboardInterrupt`` raised wherever the main thread happens to be can be swallowed inside Keras' data
    workers or TensorFlow's input pipeline, and training goes on. While ``installed()``, the signal only sets a
    flag, which this callback turns into the exception at the next training or validation batch end. A second
    Ctrl-C interrupts at once.
    """

    def __init__(self):
        super().__init__()
        self.pressed = False

    @contextlib.contextmanager
    def installed(self):
        if threading.current_thread() is not threading.main_thread():
            yield  # signal handlers can only be set from the main thread; plain KeyboardInterrupt applies
            return
        previous = signal.signal(signal.SIGINT, self._press)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)

    def _press(self, signum, frame):
        self.pressed = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def on_train_batch_end(self, batch, logs=None):
        if self.pressed:
            raise KeyboardInterrupt

    on_test_batch_end = on_train_batch_end


class EpochCheckpoint(keras.callbacks.Callback):
    """Append the epoch's metrics to the run history and write an atomic checkpoint.

    ``state`` is the trainer's JSON-able dictionary; this callback keeps its ``step``, ``epoch`` and
    ``history`` entries current and stores it inside the checkpoint.
    """

    def __init__(self, path, state, steps_per_epoch, clock):
        super().__init__()
        self.path = path
        self.state = state
        self.steps_per_epoch = steps_per_epoch
        self.clock = clock

    def on_epoch_end(self, epoch, logs=None):
        step = int(self.model.optimizer.iterations)
        record = {"epoch": step / self.steps_per_epoch, "step": step, "seconds": round(self.clock(), 1)}
        record.update({name: float(value) for name, value in (logs or {}).items()})
        self.state["history"].append(record)
        self.save()

    def save(self):
        self.state["step"] = int(self.model.optimizer.iterations)
        self.state["seconds"] = round(self.clock(), 1)
        save_checkpoint(self.model, self.path, self.state)
