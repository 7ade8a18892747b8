"""A run's history as ``history.csv``: one row per finished epoch, one column per figure, for a person, a
spreadsheet or a plotting script to read while the run goes on.

The run record inside the checkpoint holds the history; the CSV file is a view of it, rewritten whole and
atomically after every checkpoint. So it never holds half a row, and after an interruption and ``--resume`` it
has exactly the epochs the checkpoint has, whatever happened between.
"""

import csv
import io
from pathlib import Path

from genlab.images.atomic import atomic_file

#: The columns that say when an epoch ended; every other column is a figure the run measured.
WHEN = ("epoch", "step", "seconds")


def history_columns(history: list[dict]) -> list[str]:
    """``WHEN``'s columns, then every other name in the order it first appears (a held-out figure may start
    later than the training ones)."""
    names = dict.fromkeys(WHEN)
    for record in history:
        names.update(dict.fromkeys(record))
    return list(names)


def write_history(path: Path, history: list[dict]) -> Path:
    """Write ``history`` (one dictionary of numbers per epoch) to ``path`` as CSV; a figure an epoch lacks is
    an empty cell."""
    text = io.StringIO()
    writer = csv.DictWriter(text, history_columns(history), lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: _cell(value) for name, value in record.items()} for record in history)
    with atomic_file(Path(path)) as file:
        file.write(text.getvalue().encode("utf-8"))
    return Path(path)


def _cell(value):
    """Whole numbers as integers (``step`` 500, not 500.0), others with every digit ``repr`` keeps."""
    return int(value) if float(value).is_integer() else value
