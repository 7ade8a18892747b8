"""``latest_samples``: what a run made most recently to be looked at, whatever its technique."""

from pathlib import Path

from genlab.runs.run import checkpoint_of
from genlab.training.layout import LATENT_GRIDS, SAMPLE_GRIDS, TEXT_SAMPLES, run_file

#: The newest picture or text each kind of run keeps up to date as it trains, in the order they are looked for.
LATEST = ((SAMPLE_GRIDS, "latest.png"), (LATENT_GRIDS, "latest.png"), (TEXT_SAMPLES, None))


def latest_samples(run) -> Path | None:
    """The run's newest samples: a picture (generated images, or the VAE's latent grid) or its text samples
    file; None for a run that keeps none (a fast style network)."""
    checkpoint = checkpoint_of(Path(run))
    for name, inside in LATEST:
        path = run_file(checkpoint, name)
        if inside:
            path = path / inside
        if path.is_file():
            return path
    return None
