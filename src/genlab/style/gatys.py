"""Neural style transfer by optimisation (Gatys, Ecker & Bethge 2015; Deep Learning with Python, 8.3).

The generated image starts as the content photo (or noise, or the style image) and is optimised so that a
pretrained convnet sees the content photo's deep features and the style images' Gram matrices in it, with a
total-variation term for smoothness. L-BFGS (SciPy) gets the loss and its gradient from one compiled call,
in the book's schedule of rounds of at most ``evaluations`` function evaluations, an image saved per round.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from keras import ops
from scipy.optimize import minimize

from genlab import ranges
from genlab.backbones import Backbone, load_backbone
from genlab.backend import value_and_input_gradient
from genlab.errors import GenlabError
from genlab.images import resize, resize_to_height
from genlab.style.colors import keep_colors
from genlab.style.losses import (book_normaliser, content_loss, gram_matrix, layer_normaliser, style_loss,
                                 total_variation_loss)

STYLE_LAYERS = {
    "vgg16": ("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1"),
    "vgg19": ("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1"),
}
CONTENT_LAYER = {"vgg16": "block5_conv2", "vgg19": "block5_conv2"}


@dataclass
class Weights:
    """The book's loss weights; ``normalisation`` is ``book`` (constant) or ``layer`` (the paper's)."""

    content: float = 0.025
    style: float = 1.0
    total_variation: float = 1e-4
    normalisation: str = "book"


@dataclass
class Stylised:
    """The final image (RGB 0..255), the image after every round, and the loss after every round."""

    image: np.ndarray
    rounds: list[np.ndarray] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    evaluations: int = 0


class GatysLoss:
    """Loss and gradient of a preprocessed image (1, H, W, 3), as float64 vectors for SciPy."""

    def __init__(self, network, content, styles, blend, weights):
        if weights.normalisation not in ("book", "layer"):
            raise GenlabError(f"unknown normalisation {weights.normalisation!r}; choose book or layer")
        content_layer, style_layers = CONTENT_LAYER[network.name], STYLE_LAYERS[network.name]
        self.shape = content.shape
        extractor = network.feature_extractor([content_layer, *style_layers])
        generated_maps = {name: np.asarray(value, "float32")[0] for name, value in extractor(content).items()}
        self.content_target = generated_maps[content_layer]
        self.style_targets = [self._blended_gram(extractor, styles, blend, name, generated_maps[name].shape)
                              for name in style_layers]
        normalisers = [book_normaliser(*self.shape[1:3]) if weights.normalisation == "book"
                       else layer_normaliser(generated_maps[name].shape) for name in style_layers]

        def loss(x, content_target, *style_targets):
            features = extractor(x)
            total = weights.content * content_loss(content_target, features[content_layer][0])
            for name, target, normaliser in zip(style_layers, style_targets, normalisers):
                total = total + weights.style / len(style_layers) * style_loss(target, features[name][0], normaliser)
            return total + weights.total_variation * total_variation_loss(x)

        self.gradient = value_and_input_gradient(loss)
        self.evaluations = 0

    @staticmethod
    def _blended_gram(extractor, styles, blend, name, generated_shape):
        """The blend-weighted mean Gram matrix of the style images, rescaled to the generated map's size.

        Minimising ``Σ w_s ‖G_s − G‖²`` has the same gradient (up to a constant) as ``‖Σ w_s G_s − G‖²`` with
        weights summing to one, so several styles cost one target per layer.
        """
        total = 0.0
        for style, weight in zip(styles, blend):
            maps = np.asarray(extractor(style)[name], "float32")[0]
            size_ratio = (generated_shape[0] * generated_shape[1]) / (maps.shape[0] * maps.shape[1])
            total = total + weight * np.asarray(gram_matrix(ops.convert_to_tensor(maps))) * size_ratio
        return total.astype("float32")

    def __call__(self, flat):
        self.evaluations += 1
        x = flat.reshape(self.shape).astype("float32")
        value, gradient = self.gradient(x, self.content_target, *self.style_targets)
        return float(value), gradient.astype("float64").ravel()


def transfer(content: np.ndarray, styles: Sequence[np.ndarray], blend: Sequence[float] | None = None,
             backbone: str | Backbone = "vgg16", height: int = 400, rounds: int = 20, evaluations: int = 20,
             weights: Weights | None = None, init: str | np.ndarray = "content", preserve_colors: bool = False,
             style_scale: float = 1.0, optimizer: str = "lbfgs", learning_rate: float = 4.0, scales: int = 1,
             precision: str = "float32", seed: int | None = None,
             progress: Callable[[int, float, int], object] | None = None,
             on_round: Callable[[int, np.ndarray], object] | None = None) -> "Stylised":
    """Paint ``content`` (RGB 0..255) in the style of ``styles`` (a list of RGB images); return a
    :class:`Stylised`. ``blend`` weights the styles (default: equally). ``scales`` > 1 optimises
    coarse-to-fine, each scale twice the previous, each starting from the previous result.
    ``precision="mixed_bfloat16"`` runs the backbone in bfloat16 (the losses stay in float32).
    ``progress(round, loss, evaluations)`` is called after every round, and ``on_round(round, image)`` with
    that round's image (to show it as it is made). ``init`` is where the optimisation starts: the content,
    noise, the (first) style, or an image (resized to the content's size; video starts each frame from the
    last one's result).
    """
    check_options(len(styles), blend, height, rounds, evaluations, style_scale, optimizer, learning_rate, scales,
                  weights)
    network = load_backbone(backbone, precision=precision) if isinstance(backbone, str) else backbone
    if network.name not in STYLE_LAYERS:
        raise GenlabError(f"style transfer needs a VGG backbone (vgg16 or vgg19), not {network.name}")
    blend = _normalised(blend or [1.0] * len(styles), len(styles))
    weights = weights or Weights()
    rng = np.random.default_rng(seed)
    result = Stylised(image=None)
    generated = None
    for scale_index in range(scales):
        target_height = max(32, round(height / 2 ** (scales - 1 - scale_index)))
        content_scaled = resize_to_height(content, target_height)
        shape = content_scaled.shape[:2]
        style_shape = (max(16, round(shape[0] * style_scale)), max(16, round(shape[1] * style_scale)))
        style_batches = [network.preprocess(resize(style, style_shape)[None]) for style in styles]
        content_batch = np.asarray(network.preprocess(content_scaled[None]))
        start = _initial(init, content_scaled, styles[0], rng) if generated is None else resize(generated, shape)
        x = np.asarray(network.preprocess(start[None]), dtype="float64").ravel()
        loss = GatysLoss(network, content_batch, style_batches, blend, weights)
        optimise = _lbfgs if optimizer == "lbfgs" else _adam(learning_rate)
        for round_index in range(rounds):
            x, value = optimise(loss, x, evaluations)
            generated = np.clip(np.asarray(network.deprocess(x.reshape(loss.shape)))[0], 0, 255)
            shown = keep_colors(generated, content_scaled) if preserve_colors else generated
            result.rounds.append(shown)
            result.losses.append(value)
            if progress:
                progress(round_index, value, loss.evaluations)
            if on_round:
                on_round(round_index, shown)
        result.evaluations += loss.evaluations
    result.image = result.rounds[-1]
    return result


def _lbfgs(loss, x, evaluations):
    solution = minimize(loss, x, jac=True, method="L-BFGS-B", options={"maxfun": evaluations})
    return solution.x, float(solution.fun)


def _adam(learning_rate, beta1=0.9, beta2=0.999):
    state = {"m": 0.0, "v": 0.0, "t": 0}

    def step(loss, x, evaluations):
        for _ in range(evaluations):
            value, gradient = loss(x)
            state["t"] += 1
            state["m"] = beta1 * state["m"] + (1 - beta1) * gradient
            state["v"] = beta2 * state["v"] + (1 - beta2) * gradient**2
            m_hat = state["m"] / (1 - beta1 ** state["t"])
            v_hat = state["v"] / (1 - beta2 ** state["t"])
            x = x - learning_rate * m_hat / (np.sqrt(v_hat) + 1e-8)
        return x, value

    return step


def _initial(init, content, style, rng):
    if isinstance(init, np.ndarray):
        return resize(init, content.shape[:2])
    if init == "content":
        return content
    if init == "noise":
        return rng.uniform(0, 255, size=content.shape).astype("float32")
    if init == "style":
        return resize(style, content.shape[:2])
    raise GenlabError(f"unknown init {init!r}; choose content, noise or style")


def check_options(style_count: int, blend: Sequence[float] | None = None, height: int = 400, rounds: int = 20,
                  evaluations: int = 20, style_scale: float = 1.0, optimizer: str = "lbfgs",
                  learning_rate: float = 4.0, scales: int = 1, weights: Weights | None = None) -> None:
    """Refuse settings :func:`transfer` cannot use, before any work is done."""
    if not style_count:
        raise GenlabError("give at least one style image")
    ranges.STYLE_HEIGHT.check("the height", height)
    for name, value in (("iterations (rounds)", rounds), ("evaluations", evaluations), ("scales", scales)):
        ranges.COUNT.check(name, value)
    ranges.STYLE_SCALE.check("the style scale", style_scale)
    if optimizer not in ("lbfgs", "adam"):
        raise GenlabError(f"unknown optimizer {optimizer!r}; choose lbfgs or adam")
    ranges.POSITIVE.check("the learning rate", learning_rate)
    weights = weights or Weights()
    for name in ("content", "style", "total_variation"):
        ranges.NON_NEGATIVE.check(f"the {name.replace('_', ' ')} weight", getattr(weights, name))
    _normalised(blend or [1.0] * style_count, style_count)


def _normalised(blend, count):
    if len(blend) != count:
        raise GenlabError(f"{len(blend)} blend weights for {count} style images")
    if not all(ranges.NON_NEGATIVE.contains(w) for w in blend) or sum(blend) <= 0:
        raise GenlabError("style blend weights must be non-negative and not all zero")
    return [w / sum(blend) for w in blend]
