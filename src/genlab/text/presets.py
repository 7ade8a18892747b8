"""Named training settings. ``book`` reproduces Deep Learning with Python; ``cpu`` is tuned for this CPU.

An "epoch" here is ``steps_per_epoch`` optimisation steps (samples are printed, held-out loss measured and a
checkpoint written after each), not a full pass over a multi-megabyte corpus, which would take far too long
between checkpoints on a CPU.
"""

from genlab import ranges
from genlab.errors import GenlabError
from genlab.precision import resolve_precision

PRESETS = {
    "char": {
        # 1st edition, 8.1: LSTM(128) on one-hot characters, 60-character windows every 3 characters,
        # next-character target, RMSprop 0.01, batch 128, 60 epochs.
        "book": {
            "architecture": "rnn", "precision": "float32",
            "model": {"units": 128, "layers": 1, "cell": "lstm", "embedding_dim": 0, "dropout": 0.0,
                      "predict": "last"},
            "context": 60, "stride": 3, "batch_size": 128, "optimizer": "rmsprop", "learning_rate": 0.01,
            "clipnorm": None, "warmup_steps": 0, "steps_per_epoch": 500, "epochs": 60, "sample_length": 400,
            "temperatures": [0.2, 0.5, 1.0, 1.2],
        },
        # Every position of every window is a training target, embeddings instead of one-hot, Adam. Chosen by
        # held-out bits/char after 3 minutes on one core (BENCHMARKS.md): LSTM(256) beat 2×256, 1×512,
        # a 4×128 character Transformer (even in bfloat16), batch 32, and learning rates 3e-3 and 1e-2.
        "cpu": {
            "architecture": "rnn", "precision": "float32",
            "model": {"units": 256, "layers": 1, "cell": "lstm", "embedding_dim": 64, "dropout": 0.0,
                      "predict": "all"},
            "context": 100, "stride": 1, "batch_size": 64, "optimizer": "adam", "learning_rate": 6e-3,
            "clipnorm": 1.0, "warmup_steps": 0, "steps_per_epoch": 500, "epochs": 60, "sample_length": 400,
            "temperatures": [0.2, 0.5, 1.0, 1.2],
        },
    },
    "word": {
        # 2nd edition, 12.1: 15,000-word vocabulary, 100-token sequences, embeddings 256, 2 heads,
        # feed-forward 2048, RMSprop, batch 256, 200 epochs; prompts "This movie".
        "book": {
            "architecture": "transformer", "precision": "float32",
            "model": {"context": 100, "embed_dim": 256, "heads": 2, "ff_dim": 2048, "blocks": 1, "dropout": 0.0},
            "vocab_size": 15000, "context": 100, "stride": 1, "batch_size": 256, "optimizer": "rmsprop",
            "learning_rate": 1e-3, "clipnorm": None, "warmup_steps": 0, "steps_per_epoch": 200, "epochs": 200,
            "sample_length": 50, "temperatures": [0.2, 0.5, 0.7, 1.0, 1.5],
        },
    },
}

#: The options that size a model, and the one among them that sets the width of its weight matrices.
SIZE_OPTIONS = {"rnn": ("units", "layers", "cell", "embedding_dim"), "transformer": ("embed_dim", "ff_dim", "blocks")}
WIDTH = {"rnn": "units", "transformer": "embed_dim"}
#: What a resized preset gets unless the user sets it: gradients clipped to this norm, and the learning rate
#: raised from 0 over this many steps.
RESIZED_CLIPNORM, RESIZED_WARMUP_STEPS = 1.0, 100

MODEL_OPTIONS = {
    "rnn": {"units": 128, "layers": 1, "cell": "lstm", "embedding_dim": 0, "dropout": 0.0, "predict": "last"},
    "transformer": {"context": 100, "embed_dim": 256, "heads": 2, "ff_dim": 2048, "blocks": 1, "dropout": 0.0},
}


def resolve_settings(kind, preset, overrides, report=None):
    """The preset's settings with the user's overrides (``None`` values are ignored) applied; ``report``
    hears what was adapted when the overrides resize the preset's model."""
    if kind not in PRESETS:
        raise GenlabError(f"unknown model kind {kind!r}; choose char or word")
    if preset not in PRESETS[kind]:
        raise GenlabError(f"unknown {kind} preset {preset!r}; choose one of {', '.join(PRESETS[kind])}")
    settings = {**PRESETS[kind][preset], "model": dict(PRESETS[kind][preset]["model"])}
    overrides = {name: value for name, value in overrides.items() if value is not None}
    architecture = overrides.pop("architecture", settings["architecture"])
    if architecture not in MODEL_OPTIONS:
        raise GenlabError(f"unknown architecture {architecture!r}; choose rnn or transformer")
    if architecture != settings["architecture"]:
        settings["architecture"] = architecture
        settings["model"] = dict(MODEL_OPTIONS[architecture])
        if architecture == "transformer":
            settings["model"]["context"] = settings["context"]
    for name, value in overrides.items():
        if name in MODEL_OPTIONS[architecture]:
            settings["model"][name] = value
        if name in settings:
            settings[name] = value
        elif name not in MODEL_OPTIONS[architecture]:
            raise GenlabError(f"option {name.replace('_', '-')} does not apply to {architecture} models")
    if architecture == "transformer":
        settings["context"] = settings["model"]["context"]
    adapted = _steady_when_resized(settings, PRESETS[kind][preset], overrides)
    if adapted and report:
        report(f"the {preset} preset's model was resized, so for stable training: {', '.join(adapted)} "
               "(set --learning-rate, --clipnorm or --warmup-steps to choose)")
    _check(settings)
    return settings


def _steady_when_resized(settings, preset, overrides):
    """Keep a preset stable when the user changes the model's size.

    A preset's learning rate is tuned for its own width: RMSprop and Adam move every weight by about the
    learning rate per step, so a wider matrix moves its outputs proportionally more (the book's RMSprop 0.01
    took a 2×512 GRU from 4.4 to 17 bits/char in 8 steps). A wider model than the preset's gets the rate
    scaled down by the width ratio, and any resized model gets its gradients clipped and a warm-up, unless
    the user set those. Returns what was adapted, in words.
    """
    architecture = settings["architecture"]
    changed = architecture != preset["architecture"] or any(
        settings["model"].get(name) != preset["model"].get(name) for name in SIZE_OPTIONS[architecture])
    if not changed:
        return []
    adapted = []
    width = WIDTH[architecture]
    if "learning_rate" not in overrides and architecture == preset["architecture"]:
        ratio = preset["model"][width] / settings["model"][width]
        if ratio < 1:
            settings["learning_rate"] *= ratio
            adapted.append(f"learning rate {settings['learning_rate']:g}")
    if "clipnorm" not in overrides and settings["clipnorm"] is None:
        settings["clipnorm"] = RESIZED_CLIPNORM
        adapted.append(f"gradients clipped to norm {RESIZED_CLIPNORM:g}")
    if "warmup_steps" not in overrides and settings["warmup_steps"] < RESIZED_WARMUP_STEPS:
        settings["warmup_steps"] = RESIZED_WARMUP_STEPS
        adapted.append(f"a {RESIZED_WARMUP_STEPS}-step warm-up")
    return adapted


def _check(settings):
    model = settings["model"]
    settings["precision"] = resolve_precision(settings["precision"])
    if model.get("cell", "lstm") not in ("lstm", "gru"):
        raise GenlabError(f"unknown cell {model['cell']!r}; choose lstm or gru")
    if model.get("predict", "all") not in ("last", "all"):
        raise GenlabError(f"unknown --predict {model['predict']!r}; choose last or all")
    if model.get("embed_dim", 0) % model.get("heads", 1):
        raise GenlabError(f"--embed-dim {model['embed_dim']} must be divisible by --heads {model['heads']}")
    sizes = {**model, **settings}
    for name in ("units", "layers", "context", "batch_size", "steps_per_epoch", "stride", "embed_dim", "heads",
                 "ff_dim", "blocks", "vocab_size", "sample_length", "epochs"):
        if name in sizes:
            ranges.COUNT.check(name.replace("_", "-"), sizes[name])
    ranges.COUNT_OR_ZERO.check("embedding-dim", model.get("embedding_dim", 0))
    ranges.FRACTION.check("dropout", model.get("dropout", 0))
    ranges.POSITIVE.check("the learning rate", settings["learning_rate"])
    ranges.COUNT_OR_ZERO.check("warmup-steps", settings["warmup_steps"])
    if settings["clipnorm"] is not None:
        ranges.POSITIVE.check("clipnorm", settings["clipnorm"])
    ranges.check_all("temperature", settings["temperatures"], ranges.NON_NEGATIVE)
