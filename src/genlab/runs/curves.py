"""``curves.png``: a run's figures epoch by epoch, one panel per figure, training and held-out together.

Drawn with matplotlib's object interface on the Agg canvas (no pyplot, no display, no global state), so that a
training run can redraw it after every epoch from any thread.
"""

import io
import math
from pathlib import Path

from genlab.images.atomic import atomic_file
from genlab.training.history import WHEN

HELD_OUT = "val_"
BOOKKEEPING = {*WHEN, "end_seconds"}
#: What a figure's name means, where the name alone does not say it.
LABELS = {"loss": "loss (the objective)", "bpc": "bits per character", "neg_elbo": "−ELBO, nats per image",
          "reconstruction": "reconstruction, nats per image", "kl": "KL divergence, nats per image",
          "d_loss": "discriminator loss", "g_loss": "generator loss", "d_real": "D(real images)",
          "d_fake": "D(generated images)"}
COLUMNS = 2


def figure_names(history: list[dict]) -> list[str]:
    """The figures in ``history`` (held-out ones under their training name): the loss first, then the others
    in the order they first appear."""
    names = {"loss": False}
    for record in history:
        names.update({name.removeprefix(HELD_OUT): True for name in record if name not in BOOKKEEPING})
    return [name for name, seen in names.items() if seen]


def save_curves(path: Path, history: list[dict], title: str = "") -> Path:
    """Plot every figure of ``history`` against the training step and write the PNG ``path`` atomically.

    A fixed layout and fixed legend places keep it cheap (matplotlib's layout engines and its search for the
    best legend place cost more than the drawing): it is redrawn after every epoch of a training run.
    """
    from matplotlib.figure import Figure

    names = figure_names(history)
    rows = max(1, math.ceil(len(names) / COLUMNS))
    columns = min(COLUMNS, max(1, len(names)))
    height = 3.2 * rows + 0.6
    figure = Figure(figsize=(5.4 * columns, height), dpi=100)
    figure.subplots_adjust(left=0.09 / columns, right=0.98, bottom=0.5 / height, top=1 - 0.65 / height,
                           hspace=0.5, wspace=0.22)
    figure.suptitle(title)
    for index, name in enumerate(names):
        axes = figure.add_subplot(rows, columns, index + 1)
        for key, label, style in ((name, "training", "-o"), (HELD_OUT + name, "held-out", "--s")):
            points = [(record["step"], record[key]) for record in history if key in record]
            if points:
                steps, values = zip(*points)
                axes.plot(steps, values, style, label=label, markersize=3)
        axes.set_title(LABELS.get(name, name.replace("_", " ")))
        axes.set_xlabel("step")
        axes.grid(alpha=0.3)
        axes.legend(loc="upper right")
    if not names:
        figure.text(0.5, 0.5, "no finished epoch yet", ha="center", va="center")
    picture = io.BytesIO()
    figure.savefig(picture, format="png")
    with atomic_file(Path(path)) as file:
        file.write(picture.getvalue())
    return Path(path)
