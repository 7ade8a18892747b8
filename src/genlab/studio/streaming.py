"""A long library call as a stream for the page.

The call runs in a worker thread and hands what it has to show (an octave's image, a token, a step) to a
``report`` callback; the page's handler iterates over the stream and updates the page with each report as it
comes. When the page stops listening (its Stop button, or the visitor leaving), the stream is closed, and the
call is stopped at its next report, so that a cancelled job frees the CPU instead of running on unseen.
"""

import queue
import threading


class Cancelled(Exception):
    """Raised inside the call, at its next report, once nobody listens to its stream any more."""


_FINISHED = object()


def stream(work):
    """Run ``work(report)`` in a thread; yield each value it passes to ``report``, then its return value.

    An exception raised by ``work`` is raised here, in the listener's thread. Closing the generator early
    makes the next ``report`` raise :class:`Cancelled` inside ``work``; it does not wait for that, as Gradio
    closes generators on the thread that serves every visitor.
    """
    reports = queue.Queue()
    stopped = threading.Event()
    outcome = {}

    def report(value):
        if stopped.is_set():
            raise Cancelled("the page stopped the job")
        reports.put(value)

    def run():
        try:
            outcome["value"] = work(report)
        except BaseException as error:  # handed to the listener, whatever it is
            outcome["error"] = error
        finally:
            reports.put(_FINISHED)

    worker = threading.Thread(target=run, name="genlab-studio-job", daemon=True)
    worker.start()
    try:
        while (value := reports.get()) is not _FINISHED:
            yield value
    finally:
        stopped.set()
    if "error" in outcome and not isinstance(outcome["error"], Cancelled):
        raise outcome["error"]
    if "value" in outcome:
        yield outcome["value"]
