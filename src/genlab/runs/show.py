"""``show``: a run's settings and summary, and its ``curves.png`` drawn afresh from the run record."""

from dataclasses import dataclass
from pathlib import Path

from genlab.runs.curves import save_curves
from genlab.runs.run import open_run
from genlab.runs.summary import RunSummary, summarise
from genlab.training.layout import CURVES, run_file

#: Run record entries that are not settings: the summary and the curves show them.
NOT_SETTINGS = ("history", "step", "seconds")


@dataclass(frozen=True)
class RunDetails:
    summary: RunSummary
    settings: dict[str, object]
    """Every setting of the run record (data, preset, seed, the technique's settings …), nested names joined
    with dots: ``settings.latent_dim``."""
    curves: Path


def show(run, curves=None) -> RunDetails:
    """Read the run ``run`` (its folder or ``.keras`` checkpoint), write its curves to ``curves`` (default: the
    run's own ``curves.png``), and return its summary, its settings and where the curves are."""
    opened = open_run(run)
    settings = _flattened({key: value for key, value in opened.record.items() if key not in NOT_SETTINGS})
    path = save_curves(Path(curves) if curves else run_file(opened.checkpoint, CURVES), opened.history,
                       str(opened.checkpoint))
    return RunDetails(summarise(opened), settings, path)


def _flattened(values, prefix=""):
    flat = {}
    for key, value in values.items():
        if isinstance(value, dict) and value:
            flat.update(_flattened(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
