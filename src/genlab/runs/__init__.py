"""Watching and using finished runs: list them, show one (its settings and ``curves.png``), export its network.

    from genlab import runs
    for summary in runs.list_runs("runs"):
        print(summary.path, summary.technique, summary.steps, summary.best)
    details = runs.show("runs/vae")                      # writes runs/vae/curves.png
    runs.export("runs/gan", "onnx", "generator.onnx")   # or "savedmodel", "tflite"
    print(runs.latest_samples("runs/gan"))              # runs/gan/samples/latest.png

Every training run also keeps ``history.csv`` (one row per epoch) and ``curves.png`` up to date as it goes.
"""

from genlab.runs.listing import list_runs
from genlab.runs.run import Run, open_run
from genlab.runs.samples import latest_samples
from genlab.runs.show import RunDetails, show
from genlab.runs.summary import Best, RunSummary


def __getattr__(name):
    """``export`` and ``FORMATS``, imported on first use: exporting needs Keras, seconds to import, and listing or
    showing runs (``genlab runs list``, the studio's page) does not."""
    if name in ("FORMATS", "export"):
        from genlab.runs import exporting

        return getattr(exporting, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "Best", "Run", "RunDetails", "RunSummary", "export", "latest_samples", "list_runs", "open_run",
           "show"]
