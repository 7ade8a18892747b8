"""Named training settings. ``book`` reproduces Deep Learning with Python; ``cpu`` (the default) is tuned for
this CPU. Both use the book's architecture; the command line can change any single setting.

``drop_lr_after``: after this many epochs the learning rate drops tenfold for the rest of training (0: never).
Adam's steps at a constant rate keep the weights jittering around a minimum; the smaller steps settle them.
"""

from genlab import ranges
from genlab.errors import GenlabError
from genlab.precision import resolve_precision
from genlab.training.optimizers import OPTIMIZERS
from genlab.training.presets import preset_settings
from genlab.vae.losses import TRAINING_LOSSES

PRESETS = {
    # 1st edition, 8.4: latent 2, RMSprop at Keras' default learning rate, batch 16, 10 epochs, per-pixel
    # mean cross-entropy plus a 5e-4-weighted KL term.
    "book": {"latent_dim": 2, "loss": "book", "optimizer": "rmsprop", "learning_rate": 1e-3, "batch_size": 16,
             "epochs": 10, "drop_lr_after": 0, "precision": "float32"},
    # The true ELBO with Adam, chosen by the held-out −ELBO on MNIST with latent 2 (seed 1, one core). Batch 32
    # reached 155.7 nats in 3 epochs where batch 128 was at 185.5 (and Adam 3e-3 at batch 128 or 2e-3 at
    # batch 64 left the encoder's Dense ReLUs all dead for some seeds: no latent code at all, 206 nats).
    # At 1e-3 the held-out −ELBO levels off near 146 (146.1 after 20 epochs, ±0.5 from epoch to epoch);
    # dropping the rate tenfold for the last 2 epochs gave 143.95. bfloat16 about halves the time per epoch
    # on a CPU with AMX (the loss stays float32) and is slower without it: "auto" (genlab/precision.py).
    "cpu": {"latent_dim": 2, "loss": "elbo", "optimizer": "adam", "learning_rate": 1e-3, "batch_size": 32,
            "epochs": 22, "drop_lr_after": 20, "precision": "auto"},
}
DEFAULT_PRESET = "cpu"


def resolve_settings(preset, overrides):
    """The preset's settings with the user's overrides (``None`` values are ignored) applied and checked."""
    settings = preset_settings(PRESETS, preset, overrides, "VAE")
    _check(settings)
    return settings


def _check(settings):
    for name in ("latent_dim", "batch_size", "epochs"):
        ranges.COUNT.check(name.replace("_", "-"), settings[name])
    ranges.COUNT_OR_ZERO.check("drop-lr-after (0: never)", settings["drop_lr_after"])
    ranges.POSITIVE.check("the learning rate", settings["learning_rate"])
    settings["precision"] = resolve_precision(settings["precision"])
    for name, allowed in (("loss", TRAINING_LOSSES), ("optimizer", OPTIMIZERS)):
        if settings[name] not in allowed:
            raise GenlabError(f"unknown {name} {settings[name]!r}; choose one of {', '.join(allowed)}")
