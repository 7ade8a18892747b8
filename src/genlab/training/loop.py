"""Resumable fitting: data chosen by global step, epochs that can be cut and continued exactly.

A trainer hands over a function ``batch(step) -> (x, y)`` that depends only on the global step, so that after
a resume the model sees exactly the batches it would have seen without the interruption. The optimizer's
iteration counter, saved inside every checkpoint, is the global step. A wall-clock budget or Ctrl-C may cut an
epoch short; the checkpoint written then records the step, and the next run first finishes that epoch.
The first checkpoint is written after the first step, never before: a run that never trained leaves none.
"""

import importlib.util
import time
from collections.abc import Callable, Iterable

import keras

from genlab.errors import GenlabError
from genlab.precision import dtype_policies, emulated_note
from genlab.training import distribution
from genlab.training.callbacks import CtrlC, DivergenceGuard, EpochCheckpoint, TimeBudget, TrainingDiverged
from genlab.training.layout import TENSORBOARD, clear_run, run_file
from genlab.training.progress import TrainingProgress, counted, duration
from genlab.training.watch import RunFiles
from genlab.types import PathLike, Report


class StepBatches(keras.utils.PyDataset):
    """``count`` consecutive batches starting at global step ``first``.

    Two worker threads prepare batches ahead, in order. Besides overlapping data and training, this avoids a
    stall on TensorFlow: with Keras' default single-threaded path (a prefetching ``tf.data`` generator),
    every ``fit`` call ended with a wait of about 20 ms per batch of the epoch while the generator's
    iterator was destroyed — a 40 s pause after each 40 s MNIST epoch.
    """

    def __init__(self, batch, first, count):
        super().__init__(workers=2)
        self.batch = batch
        self.first = first
        self.count = count

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        return self.batch(self.first + index)


class TrainingInterrupted(KeyboardInterrupt):
    """Ctrl-C arrived; the checkpoint at ``step`` holds everything done so far (nothing, at step 0)."""

    def __init__(self, step, path):
        super().__init__(f"interrupted at step {step}; saved {path}; continue with --resume" if step else
                         "interrupted before the first step; nothing was saved")
        self.step = step
        self.path = path


class ResumableFit:
    """Fit ``model`` epoch by epoch with checkpoints, a time budget and Ctrl-C safety.

    ``state`` is the run's JSON-able record (it must hold ``history``, a list); it is stored in every
    checkpoint. ``callbacks`` are extra Keras callbacks (e.g. samplers) run at every epoch end. ``show``
    picks the figures progress displays (see :class:`TrainingProgress`); ``guard`` stops a diverging run
    (default: on a NaN or infinite loss). After every checkpoint the run's ``history.csv`` and ``curves.png``
    are rewritten, and with ``tensorboard`` Keras' TensorBoard callback writes event files to the run's
    ``tensorboard/``. With ``overwrite``, an earlier run in the same place (its checkpoint and ``RUN_FILES``) is
    removed when training starts, after the trainer has checked its data and built its model. Every call ends
    with one line: the steps run, the time, and why it stopped.
    """

    def __init__(self, model: keras.Model, batch: Callable[[int], tuple], steps_per_epoch: int,
                 checkpoint_path: PathLike, state: dict, validation: keras.utils.PyDataset | tuple | None = None,
                 callbacks: Iterable[keras.callbacks.Callback] = (),
                 show: Callable[[dict], dict] | None = None, guard: DivergenceGuard | None = None,
                 report: Report = print, tensorboard: bool = False, overwrite: bool = False):
        self.model = model
        self.batch = batch
        self.steps_per_epoch = steps_per_epoch
        self.checkpoint_path = checkpoint_path
        self.state = state
        self.validation = validation
        self.callbacks = list(callbacks)
        self.show = show
        self.guard = guard or DivergenceGuard()
        self.report = report
        self.overwrite = overwrite
        # Only process 0 writes (see genlab.training.distribution): the others log nothing.
        self.board = [tensorboard_callback(checkpoint_path)] if tensorboard and distribution.writes_files() else []

    def run(self, epochs: int | None = None, minutes: float | None = None, steps: int | None = None):
        """Train until ``epochs`` epochs are complete in total, ``steps`` steps are done in total (the last
        epoch then ends early, checkpoint and all; ``epochs`` defaults to the epochs they span), or ``minutes``
        have passed in this call."""
        if steps is not None and epochs is None:
            epochs = -(-steps // self.steps_per_epoch)
        distribution.check_time_budget(minutes)
        for note in filter(None, map(emulated_note, dtype_policies(self.model))):
            self.report(note)
        if self.overwrite and distribution.writes_files():
            clear_run(self.checkpoint_path)
        self.overwrite = False
        started = time.monotonic()
        first_step = int(self.model.optimizer.iterations)
        self._build_compiled_loss(first_step)
        previous_seconds = self.state.get("seconds", 0.0)
        deadline = None if minutes is None else started + 60.0 * minutes
        history = self.state["history"]
        progress = TrainingProgress(self.steps_per_epoch, epochs, self.show, quiet=not distribution.writes_files())
        budget = TimeBudget(deadline, history[-1].get("end_seconds") if history else None,
                            progress.above_bar(self.report))
        checkpoint = EpochCheckpoint(
            self.checkpoint_path,
            self.state,
            self.steps_per_epoch,
            clock=lambda: previous_seconds + time.monotonic() - started,
        )
        files = RunFiles(self.checkpoint_path, self.state, str(self.checkpoint_path), self.report)
        ctrl_c = CtrlC()
        one_epoch = keras.callbacks.LambdaCallback(on_epoch_end=lambda *_: setattr(self.model, "stop_training", True))
        with ctrl_c.installed():
            while not budget.expired:
                step = int(self.model.optimizer.iterations)
                epoch = step // self.steps_per_epoch
                if (epochs is not None and epoch >= epochs) or (steps is not None and step >= steps):
                    break
                remaining = self.steps_per_epoch - step % self.steps_per_epoch
                if steps is not None:
                    remaining = min(remaining, steps - step)
                try:
                    self.model.fit(
                        StepBatches(self.batch, step, remaining),
                        initial_epoch=epoch,
                        epochs=max(epochs or 0, epoch + 1),  # the total, for the progress line ("Epoch 3/20")
                        validation_data=self.validation,
                        shuffle=False,  # the order is WindowBatches'; Keras would reshuffle it with its own state
                        callbacks=[progress, ctrl_c, self.guard, *self.callbacks, budget, *self.board, checkpoint, files,
                                   one_epoch, *distribution.callbacks()],
                        verbose=0,
                    )
                except TrainingDiverged:
                    self._summarise(first_step, started, "diverged")
                    raise
                except KeyboardInterrupt:
                    if int(self.model.optimizer.iterations) == 0:  # a run that never trained leaves no checkpoint
                        raise TrainingInterrupted(0, None) from None
                    checkpoint.save()
                    raise TrainingInterrupted(int(self.model.optimizer.iterations), self.checkpoint_path) from None
        if budget.expired:
            reason = f"the time budget of {minutes:g} min"
        elif steps is not None and int(self.model.optimizer.iterations) >= steps:
            reason = f"{counted(steps, 'step')} done"
        else:
            reason = f"{counted(epochs, 'epoch')} done"
        self._summarise(first_step, started, reason)
        return self.state

    def _build_compiled_loss(self, step):
        """Build a compiled loss (the text models') from the batch of ``step``, before ``fit`` does.

        Left to ``fit``, Keras builds it from a batch it takes from the fit's own iterator. On JAX that
        peek put the first fit's batches out of step, and a resumed run ended with other weights than one
        trained straight through. ``_symbolic_build`` is the step Keras itself runs, with the batch given; it does nothing when
        everything is built.
        """
        self.model._symbolic_build(data_batch=self.batch(step))

    def _summarise(self, first_step, started, reason):
        step = int(self.model.optimizer.iterations)
        self.report(f"stopped ({reason}): {counted(step - first_step, 'step')} in {duration(time.monotonic() - started)}, "
                    f"step {step:,} in all")


def tensorboard_callback(checkpoint_path):
    """Keras' TensorBoard callback, logging every epoch's figures to the run's ``tensorboard/`` folder. Its
    summary writer is TensorFlow's with TensorBoard's summaries, on every backend."""
    missing = [name for name in ("tensorflow", "tensorboard") if importlib.util.find_spec(name) is None]
    if missing:
        raise GenlabError(f"--tensorboard needs {' and '.join(missing)}: pip install 'genlab[tensorboard]'")
    return keras.callbacks.TensorBoard(log_dir=str(run_file(checkpoint_path, TENSORBOARD)), write_graph=False)
