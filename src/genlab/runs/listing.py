"""``list_runs``: every run in a folder, the way ``genlab runs list`` shows them."""

from pathlib import Path

from genlab.errors import GenlabError
from genlab.runs.run import checkpoint_of, open_run
from genlab.runs.summary import RunSummary, summarise


def list_runs(directory="runs", report=print) -> list[RunSummary]:
    """Summaries of the runs in ``directory`` (its run folders and ``.keras`` checkpoints, and the folder itself
    if it is a run), newest change first. A run that cannot be read is skipped, and ``report`` says why."""
    summaries = []
    for path in run_paths(directory):
        try:
            summaries.append(summarise(open_run(path)))
        except GenlabError as error:
            report(f"skipped {path}: {error}")
    return newest_first(summaries)


def run_paths(directory) -> list[Path]:
    """What in ``directory`` may be a run (its run folders and ``.keras`` checkpoints, and the folder itself if
    it is one), without reading any of them."""
    directory = Path(directory)
    if not directory.is_dir():
        raise GenlabError(f"no such folder: {directory}" if not directory.exists() else
                          f"{directory} is a file, not a folder of runs")
    candidates = [directory] if checkpoint_of(directory).is_file() else []
    return candidates + sorted(path for path in directory.iterdir() if _may_be_run(path))


def newest_first(summaries: list[RunSummary]) -> list[RunSummary]:
    return sorted(summaries, key=lambda summary: summary.modified, reverse=True)


def _may_be_run(path):
    return checkpoint_of(path).is_file() if path.is_dir() else path.suffix == ".keras" and not path.name.startswith(".")
