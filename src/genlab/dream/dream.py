"""DeepDream (Deep Learning with Python, 8.2): gradient ascent on a photo over several octaves.

The image is processed from the smallest scale to the full size, each scale 1.4× the previous. After each
octave the detail lost by shrinking the original is put back:
``resize(original, L) − resize(resize(original, S), L)``, so the full-size result stays sharp. Every resize
is bilinear without antialiasing, as the book's ``tf.image.resize``: Lanczos resizing, which genlab used
before, made the dream weaker on four photos of five (BENCHMARKS.md).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from keras import ops

from genlab import images, ranges
from genlab.backbones import Backbone, load_backbone
from genlab.dream.ascent import TiledAscent
from genlab.dream.layers import default_layers
from genlab.errors import GenlabError
from genlab.ranges import MIN_DREAM_SIDE


@dataclass
class Dream:
    """The dreamed image (RGB 0..255) and the image at the end of every octave, smallest first."""

    image: np.ndarray
    octaves: list[np.ndarray] = field(default_factory=list)
    layers: dict[str, float] = field(default_factory=dict)
    losses: list[float] = field(default_factory=list)


def octave_shapes(height, width, octaves, scale):
    """Shapes from the smallest octave to the original size, each side divided by ``scale`` per octave and
    rounded down as the book does; the smallest must be 32 px or more on each side."""
    if min(height, width) < MIN_DREAM_SIDE:
        raise GenlabError(f"the image ({height}×{width}) is too small to dream: it must be at least "
                          f"{MIN_DREAM_SIDE} px on each side")
    shapes = []
    for index in range(octaves):
        shape = (int(height / scale**index), int(width / scale**index))
        if min(shape) < MIN_DREAM_SIDE:
            raise GenlabError(f"the image ({height}×{width}) is too small for {octaves} octaves of ×{scale:g}: "
                              f"octave {index + 1} would be {shape[0]}×{shape[1]}, under {MIN_DREAM_SIDE} px; "
                              f"use --octaves {index} or a smaller --octave-scale")
        shapes.append(shape)
    return shapes[::-1]


def check_options(image_shape: tuple[int, ...], steps: int = 20, step_size: float = 0.01, octaves: int = 3,
                  octave_scale: float = 1.4, max_loss: float | None = 10.0, jitter: int = 0, tile: int = 1024) -> None:
    """Refuse settings that cannot dream an image of ``image_shape`` (H, W, …), before any work is done."""
    ranges.COUNT.check("steps", steps)
    ranges.POSITIVE.check("the step size", step_size)
    ranges.COUNT.check("octaves", octaves)
    ranges.OCTAVE_SCALE.check("the octave scale", octave_scale)
    if max_loss is not None:
        ranges.POSITIVE.check("the maximum loss", max_loss)
    ranges.COUNT_OR_ZERO.check("jitter", jitter)
    ranges.DREAM_TILE.check("the tile size", tile)
    octave_shapes(image_shape[0], image_shape[1], octaves, octave_scale)


def deep_dream(image: np.ndarray, backbone: str | Backbone = "mobilenet_v2", layers: dict[str, float] | None = None,
               steps: int = 20, step_size: float = 0.01, octaves: int = 3, octave_scale: float = 1.4,
               max_loss: float | None = 10.0, jitter: int = 0, tile: int = 1024, seed: int | None = None,
               progress: Callable[[int, int, float], object] | None = None,
               on_octave: Callable[[int, np.ndarray], object] | None = None) -> Dream:
    """Dream on ``image`` (RGB, 0..255, H×W×3); return a :class:`Dream`.

    ``layers`` maps layer names to weights (default: the backbone's). Each octave runs ``steps`` steps of
    size ``step_size`` on the gradient normalised by its mean absolute value, and stops early once the loss
    exceeds ``max_loss`` (``None``: never). ``progress(octave, step, loss)`` is called after every step and
    ``on_octave(octave, image)`` with each octave's image (RGB 0..255) as it is finished.
    Images of more than ``tile × tile`` pixels are processed in tiles, to bound memory; ``jitter`` rolls the
    image by up to that many pixels before each step (the book does not: 0).

    ``step_size`` is in the book's units — InceptionV3's input, where [-1, 1] spans the pixel range — and is
    converted to the backbone's own input scale, so that 0.01 changes pixels by the same amount whichever
    network dreams.
    """
    check_options(np.shape(image), steps, step_size, octaves, octave_scale, max_loss, jitter, tile)
    network = load_backbone(backbone) if isinstance(backbone, str) else backbone
    layers = layers or default_layers(network.name)
    ascent = TiledAscent(network.feature_extractor(list(layers)), layers, tile, jitter, np.random.default_rng(seed))
    step_size *= book_unit(network)
    original = np.asarray(network.preprocess(np.asarray(image, dtype="float32")))
    shapes = octave_shapes(*original.shape[:2], octaves, octave_scale)
    dreamed, shrunk_original = original, resize_octave(original, shapes[0])
    result = Dream(image=None, layers=dict(layers))
    for octave, shape in enumerate(shapes):
        dreamed = resize_octave(dreamed, shape)
        for step in range(steps):
            dreamed, loss = ascent.step(dreamed, step_size)
            result.losses.append(loss)
            if progress:
                progress(octave, step, loss)
            if max_loss is not None and loss > max_loss:
                break
        same_size_original = resize_octave(original, shape)
        dreamed = dreamed + (same_size_original - resize_octave(shrunk_original, shape))
        shrunk_original = same_size_original
        result.octaves.append(_to_image(network, dreamed))
        if on_octave:
            on_octave(octave, result.octaves[-1])
    result.image = result.octaves[-1]
    return result


#: How long each frame of an octave GIF shows, in milliseconds.
OCTAVE_FRAME_MS = 700


def octave_frames(photo, dreamed):
    """The frames of a dream's octave GIF: the photo, then each octave's image, all at the dream's size."""
    size = dreamed.image.shape[:2]
    return [images.resize(np.asarray(photo, "float32"), size)] + [images.resize(o, size) for o in dreamed.octaves]


def resize_octave(image, shape):
    """``image`` (H, W, C) resized to ``shape`` bilinearly, as the book's octaves are (genlab's shared
    ``images.resize`` is Lanczos, which made dreams weaker)."""
    return ops.convert_to_numpy(ops.image.resize(image, shape, interpolation="bilinear", data_format="channels_last"))


def book_unit(network):
    """The backbone's input units per unit of InceptionV3's input (which maps pixels 0..255 to -1..1)."""
    black, white = (np.asarray(network.preprocess(np.full((1, 1, 3), value, "float32"))) for value in (0, 255))
    return float(np.mean(np.abs(white - black))) / 2


def _to_image(network, x):
    return np.clip(np.asarray(network.deprocess(x)), 0, 255).astype("float32")
