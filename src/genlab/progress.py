"""Progress bars that suit where the output goes.

On a terminal: Keras' bar, redrawn in place. Anywhere else (a pipe, a log file), or with ``NO_COLOR`` set:
plain lines without carriage returns, backspaces or colour codes, at most about ``lines`` of them, and
always one for the end. Keras' own bar cannot do this: it treats every POSIX system as a live terminal.
"""

import os
import sys

import keras


def is_terminal(stream=None):
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty() and "NO_COLOR" not in os.environ


def progress_bar(target, unit="step", stateful=(), lines=10, stream=None):
    """A bar over ``target`` units with ``update(current, values)`` and ``add(count, values)``."""
    if is_terminal(stream):
        return keras.utils.Progbar(target, unit_name=unit, stateful_metrics=list(stateful))
    return PlainProgress(target, unit, lines, stream)


class PlainProgress:
    """Keras Progbar's ``update``/``add`` interface, printed as a few plain lines."""

    def __init__(self, target, unit="step", lines=10, stream=None):
        self.target = target
        self.unit = unit
        self.every = max(1, target // max(lines, 1))
        self.stream = stream or sys.stdout
        self.current = 0

    def add(self, count, values=None):
        self.update(self.current + count, values)

    def update(self, current, values=None, finalize=None):
        self.current = current
        if finalize or current % self.every == 0 or current >= self.target:
            figures = "".join(f" · {name} {format_figure(value)}" for name, value in values or ())
            print(f"{self.unit} {current}/{self.target}{figures}", file=self.stream, flush=True)


def format_figure(value):
    """``63`` for whole numbers, four significant digits otherwise."""
    value = float(value)
    return f"{value:.0f}" if value.is_integer() else f"{value:.4g}"
