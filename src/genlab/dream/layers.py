"""Which layers DeepDream maximises, and how much each counts.

Lower layers give geometric patterns; higher layers give ImageNet objects (eyes, feathers, dog faces).
"""

from collections.abc import Sequence

import numpy as np

from genlab.errors import GenlabError

#: Per backbone, chosen by looking at dreams of the bundled photos (see README's gallery).
DEFAULT_LAYERS = {
    "mobilenet_v2": {"features.10": 1.0, "features.13": 1.5, "features.16": 2.0},
    "vgg16": {"block4_conv3": 1.0, "block5_conv1": 1.0},
    # The book's choice for InceptionV3 (Deep Learning with Python, 8.2).
    "inception_v3": {"mixed2": 0.2, "mixed3": 3.0, "mixed4": 2.0, "mixed5": 1.5},
    "vgg19": {"block4_conv4": 1.0, "block5_conv2": 1.0},
}


def parse_layers(text: str) -> dict[str, float]:
    """``"features.10=1,features.13=1.5"`` → ``{"features.10": 1.0, "features.13": 1.5}``."""
    weights = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        name, _, weight = part.partition("=")
        try:
            weights[name.strip()] = float(weight) if weight else 1.0
        except ValueError:
            raise GenlabError(f"bad layer weight in {part!r}: expected NAME=NUMBER") from None
    if not weights:
        raise GenlabError("no layers given: expected NAME=WEIGHT[,NAME=WEIGHT…]")
    return weights


def random_layers(layer_names: Sequence[str], rng: np.random.Generator, count: int = 3) -> dict[str, float]:
    """``count`` distinct layers with random weights in [0.5, 2], to explore what each backbone dreams of."""
    chosen = rng.choice(len(layer_names), size=min(count, len(layer_names)), replace=False)
    return {layer_names[i]: float(np.round(rng.uniform(0.5, 2.0), 2)) for i in sorted(chosen)}


def chosen_layers(layer_names: Sequence[str], text: str | None = None, random: bool = False,
                  seed: int | None = None) -> dict[str, float] | None:
    """The layers a user asked for: ``text`` parsed (``None``: the backbone's defaults), or, with ``random``,
    random layers of ``layer_names`` drawn with ``seed`` (``text`` is still checked)."""
    layers = parse_layers(text) if text is not None else None
    if random:
        layers = random_layers(layer_names, np.random.default_rng(seed))
    return layers


def default_layers(backbone_name):
    if backbone_name not in DEFAULT_LAYERS:
        raise GenlabError(f"no default dream layers for {backbone_name}; give --layers NAME=WEIGHT,…")
    return dict(DEFAULT_LAYERS[backbone_name])
