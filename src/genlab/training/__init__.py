"""What every trainer shares: seeding, atomic checkpoints, resumable fitting, periodic callbacks."""

from genlab.training.checkpoint import load_checkpoint, save_checkpoint
from genlab.training.loop import ResumableFit
from genlab.training.seeding import resolve_seed

__all__ = ["ResumableFit", "load_checkpoint", "resolve_seed", "save_checkpoint"]
