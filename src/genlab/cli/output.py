"""Where a command's words go.

Standard output carries the command's result. ``--quiet`` leaves nothing else there: progress, reports and
settings are dropped, and errors still reach standard error. ``--json`` puts the result alone there, as one
JSON object, and moves every line meant for people to standard error. ``--verbose`` adds detail: the Keras
backend's own start-up messages, the options as parsed, and the traceback of an error.
"""

import contextlib
import json
import os
import sys

QUIET, NORMAL, VERBOSE = "quiet", "normal", "verbose"


class Route:
    """How the running command's output is routed (set by :func:`routed`)."""

    verbosity = NORMAL
    as_json = False
    stdout = None


@contextlib.contextmanager
def routed(verbosity=NORMAL, as_json=False):
    """Route standard output while a command runs, as ``--quiet`` and ``--json`` ask."""
    real = sys.stdout
    Route.verbosity, Route.as_json, Route.stdout = verbosity, as_json, real
    with contextlib.ExitStack() as stack:
        if as_json:
            sys.stdout = sys.stderr
        elif verbosity == QUIET:
            sys.stdout = stack.enter_context(open(os.devnull, "w", encoding="utf-8"))
        try:
            yield
        finally:
            sys.stdout = real
            Route.verbosity, Route.as_json, Route.stdout = NORMAL, False, None


def result(text, data=None, said=False):
    """Print the command's result: ``text`` for people, or ``data`` (JSON-able; default ``{"result": text}``)
    with ``--json``. ``said``: the library has printed ``text`` already (a trainer's closing line), so it is
    repeated only where ``--quiet`` hid it."""
    stream = Route.stdout or sys.stdout
    if Route.as_json:
        print(json.dumps({"result": text} if data is None else data, default=_plain), file=stream, flush=True)
    elif not said or Route.verbosity == QUIET:
        print(text, file=stream, flush=True)


def run_result(run, state):
    """A trainer's result: where its run is (the library's closing line has said so already), and with
    ``--json`` the run's step, time and last epoch's figures."""
    from pathlib import Path

    from genlab.training.layout import CHECKPOINT
    from genlab.training.runs import saved

    checkpoint = Path(run) / CHECKPOINT
    history = state.get("history") or [{}]
    result(saved(checkpoint), {"run": str(run), "model": str(checkpoint), "step": state.get("step", 0),
                               "seconds": state.get("seconds"), "last_epoch": history[-1]}, said=True)


def note(text):
    """A line for people beside the result (a seed that was drawn), on standard error; none with --quiet."""
    if Route.verbosity != QUIET:
        print(text, file=sys.stderr, flush=True)


def _plain(value):
    """NumPy numbers and paths, as JSON can hold them."""
    if hasattr(value, "item"):
        return value.item()
    return str(value)
