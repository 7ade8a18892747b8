"""What a run amounts to, in the figures ``genlab runs list`` shows: technique, preset, steps, time, the best
held-out figure and when it last changed."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from genlab.runs.run import Run

#: The held-out figure each technique is judged by, where it has one (lower is better), and its unit.
HELD_OUT = (("val_neg_elbo", "held-out −ELBO", "nats/image"), ("val_bpc", "held-out", "bits/char"),
            ("val_perplexity", "held-out perplexity", ""))


@dataclass(frozen=True)
class Best:
    """The best value a held-out figure reached, and at which step."""

    name: str
    value: float
    unit: str
    step: int

    def __str__(self):
        return f"{self.name} {self.value:.4g}{' ' + self.unit if self.unit else ''} (step {self.step:,})"


@dataclass(frozen=True)
class RunSummary:
    path: Path
    technique: str
    preset: str | None
    steps: int
    epochs: int
    seconds: float
    best: Best | None
    modified: datetime


def summarise(run: Run) -> RunSummary:
    record = run.record
    return RunSummary(run.path, run.technique, record.get("preset"), record["step"], len(run.history),
                      record.get("seconds", 0.0), best_held_out(run.history), run.modified)


def best_held_out(history: list[dict]) -> Best | None:
    """The lowest value of the first of ``HELD_OUT``'s figures that the history holds, or None."""
    for key, name, unit in HELD_OUT:
        points = [(record[key], record["step"]) for record in history if key in record]
        if points:
            value, step = min(points)
            return Best(name, value, unit, int(step))
    return None
