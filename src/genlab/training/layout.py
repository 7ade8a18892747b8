"""What a run folder holds, named in one place and importable without Keras (``genlab runs`` reads run
folders without loading a backend)."""

import shutil
from pathlib import Path

CHECKPOINT = "model.keras"  # a run folder's checkpoint, which is also its model
#: Every file or folder a trainer writes beside its checkpoint (see :func:`run_file`): what ``--overwrite``
#: removes with the checkpoint.
HISTORY, CURVES, TENSORBOARD, TEXT_SAMPLES, SAMPLE_GRIDS, LATENT_GRIDS = RUN_FILES = (
    "history.csv", "curves.png", "tensorboard", "samples.txt", "samples", "grids")


def run_file(checkpoint, name):
    """Where the run whose checkpoint is ``checkpoint`` keeps its file (or folder) ``name``: inside the run
    folder for a ``model.keras``; beside any other checkpoint, prefixed with its name (a fast style network
    ``painting.keras`` keeps ``painting-history.csv``)."""
    checkpoint = Path(checkpoint)
    if checkpoint.name == CHECKPOINT:
        return checkpoint.parent / name
    return checkpoint.with_name(f"{checkpoint.stem}-{name}")


def clear_run(checkpoint):
    """Remove an earlier run's checkpoint and every file it wrote beside it (``RUN_FILES``), so that a run
    started over (``--overwrite``) does not mix with the one it replaces. Other files are left alone."""
    checkpoint = Path(checkpoint)
    for path in (checkpoint, *(run_file(checkpoint, name) for name in RUN_FILES)):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
