"""Named DCGAN settings: the book's (SPEC.md §5) and a small one that learns MNIST digits on a CPU.

``book`` is the network and loop of Deep Learning with Python (1st edition, 8.5): latent 32, batch 20, RMSprop 8e-4 (discriminator) / 4e-4
(generator), both clipped to 1.0, dropout 0.4, label noise 0.05, 10,000 steps with a report every 100.
``cpu`` keeps every trick (tanh output on data in [−1, 1], normal latents, dropout, label noise, LeakyReLU,
strided convolutions, kernels divisible by their stride) in a network ~75× cheaper per image.
Both draw their images from an average of the generator's weights (momentum 0.995, see
``genlab.gan.model``), which the book's did not have. Both compute in float32; ``precision`` may ask for
``mixed_bfloat16``, ``mixed_float16`` (with loss scaling) or ``auto`` (see ``genlab.precision``).
"""

from genlab import ranges
from genlab.precision import resolve_precision
from genlab.training.presets import preset_settings

PRESETS = {
    "book": {
        "architecture": "book",
        "latent_dim": 32,
        "batch_size": 20,
        "steps": 10_000,
        "steps_per_epoch": 100,
        "d_learning_rate": 8e-4,
        "g_learning_rate": 4e-4,
        "clipvalue": 1.0,
        "dropout": 0.4,
        "label_noise": 0.05,
        "average": 0.995,
        "precision": "float32",
    },
    "cpu": {
        "architecture": "small",
        "latent_dim": 32,
        "batch_size": 64,
        "steps": 12_000,
        "steps_per_epoch": 250,
        "d_learning_rate": 4e-4,
        "g_learning_rate": 4e-4,
        "clipvalue": 1.0,
        "dropout": 0.4,
        "label_noise": 0.05,
        "average": 0.995,
        "precision": "float32",
    },
}


def resolve_settings(preset, overrides):
    """The preset's settings with the non-None ``overrides`` applied; unknown names are GenlabErrors."""
    settings = preset_settings(PRESETS, preset, overrides, "GAN")
    for name in ("batch_size", "steps_per_epoch", "latent_dim", "steps"):
        ranges.COUNT.check(name.replace("_", " "), settings[name])
    for name in ("d_learning_rate", "g_learning_rate", "clipvalue"):
        ranges.POSITIVE.check(name.replace("_", " "), settings[name])
    ranges.FRACTION.check("the generator average's momentum", settings["average"])
    ranges.FRACTION.check("dropout", settings["dropout"])
    ranges.FRACTION.check("label noise", settings["label_noise"])
    settings["precision"] = resolve_precision(settings["precision"])
    return settings
