"""Keras callbacks every trainer uses: a wall-clock budget, Ctrl-C at batch boundaries and atomic per-epoch
checkpoints."""

import contextlib
import math
import signal
import threading
import time

import keras

from genlab.errors import GenlabError
from genlab.training.checkpoint import save_checkpoint
from genlab.training.distribution import undistributed, writes_files


class TimeBudget(keras.callbacks.Callback):
    """Stop training (after the current batch) in time for the epoch's end to finish by ``deadline`` (a
    ``time.monotonic()`` value).

    The end of an epoch (held-out evaluation, samples, the checkpoint) runs after the last step, and for a
    large model it takes long: ``reserve`` seconds are kept for it, measured at every epoch end, so that
    ``--minutes`` is the time the whole call takes. When it stops, ``report`` says what still runs.
    """

    def __init__(self, deadline, reserve=None, report=print):
        super().__init__()
        self.deadline = deadline
        self.reserve = reserve  # None: no epoch end measured yet (a new run)
        self.report = report
        self.expired = False
        self.last_batch_end = None

    def on_train_batch_end(self, batch, logs=None):
        self.last_batch_end = time.monotonic()
        if self.deadline is not None and self.last_batch_end >= self.deadline - (self.reserve or 0.0):
            self.expired = True
            self.model.stop_training = True
            step = f"time is up at step {int(self.model.optimizer.iterations):,}"
            if self.reserve is None:
                self.report(f"{step}; the epoch's evaluation, samples and checkpoint run now (not yet timed: "
                            "later calls keep time for them within --minutes)")
            elif self.reserve >= 1:
                self.report(f"{step}; the epoch's evaluation, samples and checkpoint take about "
                            f"{self.reserve:.0f} s more")

    def on_epoch_end(self, epoch, logs=None):
        """Placed after the callbacks that do the epoch's end work: their duration becomes the reserve, and
        is logged as ``end_seconds`` for the next call to start from."""
        if self.last_batch_end is not None:
            self.reserve = time.monotonic() - self.last_batch_end
            if logs is not None:
                logs["end_seconds"] = round(self.reserve, 1)


class TrainingDiverged(GenlabError):
    """The loss became NaN or infinite, or worse than the model's ``ceiling``; the weights are worthless."""


class DivergenceGuard(keras.callbacks.Callback):
    """Stop a run whose loss is NaN or infinite, or whose running loss is above ``ceiling`` (for a language
    model: clearly worse than guessing uniformly) after ``patience`` steps of an epoch, instead of training
    noise for hours. The last checkpoint is left as it was."""

    def __init__(self, ceiling=None, patience=50, advice="lower --learning-rate"):
        super().__init__()
        self.ceiling = ceiling
        self.patience = patience
        self.advice = advice

    def on_train_batch_end(self, batch, logs=None):
        loss = float((logs or {}).get("loss", 0.0))
        exploded = self.ceiling is not None and batch + 1 >= self.patience and loss > self.ceiling
        if not math.isfinite(loss) or exploded:
            what = f"the loss became {loss}" if not math.isfinite(loss) else \
                f"the loss rose to {loss:.3g}, worse than guessing ({self.ceiling:.3g})"
            raise TrainingDiverged(f"training diverged at step {int(self.model.optimizer.iterations):,}: {what}; "
                                   f"the last checkpoint is kept; {self.advice}")


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
    """Append the epoch's metrics to the run history and write an atomic checkpoint (in process 0 alone).

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
        if writes_files():
            with undistributed():
                save_checkpoint(self.model, self.path, self.state)
