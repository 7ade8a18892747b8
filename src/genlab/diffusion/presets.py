"""Named diffusion settings: the book's (chapter 17, keras-io's DDIM example) and a smaller one for a CPU.

``book``: U-Net widths 32/64/96/128 with two residual blocks per level, batch 64, AdamW (learning rate 1e-3,
weight decay 1e-4), a weight average of momentum 0.999 for sampling, and samples by 20 deterministic DDIM
steps; images standardised by the training data's mean and spread, the class and noise level joined at the
input. keras-io trains 50 epochs of 5 × 6,552 flowers (about 25,000 steps); the preset trains as many.
``cpu``: the same process in a smaller U-Net (widths 16/32/64, one block per level), batch 32 and twice the
learning rate: the best of the candidates measured at 10 minutes of one core on MNIST (BENCHMARKS.md,
"Diffusion: the cpu preset"). It feeds the class and noise level to every residual block and keeps the images
in [−1, 1] unstandardised: at 60 minutes on MNIST that pair's samples are the requested digit far more often
under guidance, at a higher FID, than the book's choices ("Diffusion: guidance").
Both drop the class (where the data has classes) with probability 0.1, for classifier-free guidance.
"""

from genlab import ranges
from genlab.choices import CONDITIONS, SAMPLERS
from genlab.errors import GenlabError
from genlab.precision import resolve_precision
from genlab.training.presets import preset_settings

PRESETS = {
    "book": {
        "widths": [32, 64, 96, 128],
        "block_depth": 2,
        "batch_size": 64,
        "learning_rate": 1e-3,
        "weight_decay": 1e-4,
        "average": 0.999,
        "label_dropout": 0.1,
        "steps": 25_000,
        "steps_per_epoch": 500,
        "sampler": "ddim",
        "sampling_steps": 20,
        "precision": "float32",
        "condition": "input",
        "standardise": True,
    },
    "cpu": {
        "widths": [16, 32, 64],
        "block_depth": 1,
        "batch_size": 32,
        "learning_rate": 2e-3,
        "weight_decay": 1e-4,
        "average": 0.999,
        "label_dropout": 0.1,
        "steps": 40_000,
        "steps_per_epoch": 500,
        "sampler": "ddim",
        "sampling_steps": 20,
        "precision": "float32",
        "condition": "blocks",
        "standardise": False,
    },
}
DEFAULT_PRESET = "cpu"


def resolve_settings(preset, overrides):
    """The preset's settings with the ``overrides`` that are not None applied and checked."""
    settings = preset_settings(PRESETS, preset, overrides, "diffusion")
    settings["widths"] = [int(width) for width in settings["widths"]]
    for width in settings["widths"]:
        ranges.COUNT.check("each U-Net width", width)
    if len(settings["widths"]) < 2:
        raise GenlabError("--widths needs at least two widths, one per level of the U-Net")
    for name in ("block_depth", "batch_size", "steps", "steps_per_epoch", "sampling_steps"):
        ranges.COUNT.check(f"--{name.replace('_', '-')}", settings[name])
    ranges.POSITIVE.check("--learning-rate", settings["learning_rate"])
    ranges.FRACTION.check("--weight-decay", settings["weight_decay"])
    ranges.FRACTION.check("--average", settings["average"])
    ranges.FRACTION.check("--label-dropout", settings["label_dropout"])
    if not isinstance(settings["standardise"], bool):
        raise GenlabError(f"standardise is true or false, not {settings['standardise']!r}")
    if settings["condition"] not in CONDITIONS:
        raise GenlabError(f"unknown conditioning {settings['condition']!r}; choose one of {', '.join(CONDITIONS)}")
    if settings["sampler"] not in SAMPLERS:
        raise GenlabError(f"unknown sampler {settings['sampler']!r}; choose one of {', '.join(SAMPLERS)}")
    settings["precision"] = resolve_precision(settings["precision"])
    return settings
