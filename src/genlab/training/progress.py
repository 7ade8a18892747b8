"""Training progress as it really went, and the line that ends every run.

Keras' own bar closes every epoch at its full length with a step time spread over steps that never ran
(a time budget that ends an epoch after 8 of 100 steps showed "100/100 … 1s/step"), and it writes carriage
returns and backspaces even into a log file. Here a terminal gets a bar over the steps this call runs,
closed at the count actually run; anything else (a pipe, a file, the studio's log) gets one plain line per
epoch, and within a long epoch a line saying how far it has come: 10 s into it, then every minute.
"""

import sys
import time

import keras

from genlab.progress import format_figure, is_terminal

#: Within an epoch, the seconds before its first plain progress line, and between the later ones.
PLAIN_EVERY_SECONDS = (10.0, 60.0)


class TrainingProgress(keras.callbacks.Callback):
    """Per-epoch progress. ``show(logs) -> {label: value}`` picks and converts what is displayed (default:
    every number in the logs), so that a technique shows its figures in its own unit. A ``quiet`` one (in the
    processes of a multi-host run other than 0) shows nothing."""

    def __init__(self, steps_per_epoch, total_epochs=None, show=None, stream=None, quiet=False,
                 plain_every=PLAIN_EVERY_SECONDS):
        super().__init__()
        self.plain_every = plain_every
        self.quiet = quiet
        self.steps_per_epoch = steps_per_epoch
        self.total_epochs = total_epochs
        self.show = show or (lambda logs: {name: float(value) for name, value in logs.items()})
        self.stream = stream or sys.stdout
        self.bar = None

    def on_epoch_begin(self, epoch, logs=None):
        self.first_step = int(self.model.optimizer.iterations)
        self.started = time.monotonic()
        self.stepping_since = self.last_line = None  # the first step's end (its time may be compiling's)
        if self.quiet:
            return
        if is_terminal(self.stream):
            remaining = self.steps_per_epoch - self.first_step % self.steps_per_epoch
            print(f"epoch {self._epoch_label()}", file=self.stream)
            self.bar = keras.utils.Progbar(remaining, unit_name="step")

    def on_train_batch_end(self, batch, logs=None):
        if self.bar is not None:
            self.bar.update(self._steps_run(), list(self.show(logs or {}).items()))
        elif not self.quiet:
            self._plain_line(logs)

    def on_epoch_end(self, epoch, logs=None):
        if self.quiet:
            return
        shown = self.show(logs or {})
        if self.bar is not None:
            self.bar.update(self._steps_run(), list(shown.items()), finalize=True)
            self.bar = None
            return
        steps, seconds = self._steps_run(), time.monotonic() - self.started
        print(f"epoch {self._epoch_label()} · step {int(self.model.optimizer.iterations):,} · {counted(steps, 'step')} in "
              f"{seconds:.0f} s ({1000 * seconds / max(steps, 1):.0f} ms/step)" + _figures(shown),
              file=self.stream, flush=True)

    def _plain_line(self, logs):
        """In mid-epoch, a line ``plain_every[0]`` seconds after its first step and then every ``plain_every[1]``,
        its step time measured from the end of that first step, which may have been compiling."""
        now = time.monotonic()
        if self.stepping_since is None:
            self.stepping_since = now
            return
        if now - (self.last_line or self.stepping_since) < self.plain_every[self.last_line is not None]:
            return
        self.last_line = now
        step = int(self.model.optimizer.iterations)
        done = step % self.steps_per_epoch or self.steps_per_epoch
        rate = 1000 * (now - self.stepping_since) / (self._steps_run() - 1)
        print(f"epoch {self._epoch_label()} · step {step:,} ({done:,} of {self.steps_per_epoch:,}) · {rate:.0f} ms/step"
              + _figures(self.show(logs or {})), file=self.stream, flush=True)

    def above_bar(self, report):
        """``report``, but ending the live bar's line first, so that a message in mid-epoch (the time is up)
        gets a line of its own instead of running on after the bar."""
        def report_above(message):
            if self.bar is not None:
                print(file=self.stream, flush=True)
            report(message)

        return report_above

    def _steps_run(self):
        return int(self.model.optimizer.iterations) - self.first_step

    def _epoch_label(self):
        epoch = self.first_step // self.steps_per_epoch + 1
        return f"{epoch}/{self.total_epochs}" if self.total_epochs else str(epoch)


def _figures(shown):
    return "".join(f" · {name} {format_figure(value)}" for name, value in shown.items())


def epoch_label(step, steps_per_epoch):
    """The epoch that ``step`` ends or falls in: ``"3"`` at its end, ``"3 (748 of 750 steps)"`` when a time
    budget or Ctrl-C cut it short."""
    epoch, done = -(-step // steps_per_epoch), step % steps_per_epoch
    return f"{epoch} ({done:,} of {steps_per_epoch:,} steps)" if done else str(epoch)


def counted(number, noun):
    """``"1 step"``, ``"2,048 steps"``."""
    return f"{number:,} {noun}{'s' * (number != 1)}"


def duration(seconds):
    """``"2 h 05 min"``, ``"3 min 07 s"`` or ``"41 s"``."""
    seconds = round(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"
