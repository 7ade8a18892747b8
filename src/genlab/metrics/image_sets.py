"""FID and KID between two sets of images, on MobileNetV2 features: how the image generators are scored."""

import numpy as np

from genlab import ranges
from genlab.datasets import load_generator_images
from genlab.errors import GenlabError
from genlab.metrics.image_distances import frechet_distance, kernel_distance
from genlab.metrics.image_features import feature_name, pooled_features
from genlab.types import Report


def compare_images(images_a: np.ndarray, images_b: np.ndarray, size: int = 128, seed: int = 0) -> dict:
    """{"fid", "kid", "kid_std", "generated", "real", "features"} between images in [0, 1] (same size and
    channels within each set); ``a`` is counted as the generated set, ``b`` as the real one."""
    features_a = pooled_features(images_a, size)
    features_b = pooled_features(images_b, size)
    kid, kid_std = kernel_distance(features_a, features_b, seed=seed)
    return {"fid": frechet_distance(features_a, features_b), "kid": kid, "kid_std": kid_std,
            "generated": len(images_a), "real": len(images_b), "features": feature_name(size)}


def score_generator(generate, image_shape, record: dict | None, samples: int = 5000, size: int = 128,
                    seed: int = 0, report: Report = print, **data) -> dict:
    """FID and KID (as :func:`compare_images`) of ``generate(count, seed)``'s images, float pixels in
    [0, 255] of ``image_shape``, against ``samples`` real images drawn at random.

    The real images are the run's own training data (from its ``record``), unless ``data`` (keywords of
    :func:`genlab.datasets.load_generator_images`: ``data``, ``cifar10``, ``class_name`` …) names others; a
    loaded model carries no record, so then ``data`` is needed.
    """
    ranges.FID_SAMPLES.check("the number of samples", samples)
    ranges.FEATURE_SIZE.check("the feature size", size)
    if not data and record is None:
        raise GenlabError("a loaded model does not know its training images: name the real images "
                          "(data=\"mnist\", a folder, or cifar10=… with class_name=…) or pass its run folder")
    data = data or {key: value for key, value in record["data"].items() if key != "labels"}
    real = load_generator_images(**data).images
    if real.shape[1:] != tuple(image_shape):
        raise GenlabError(f"real images are {real.shape[1:]}, the model makes {tuple(image_shape)}")
    real = real[np.random.default_rng([seed, 1]).permutation(len(real))[:samples]]
    generated = generate(samples, seed) / 255.0
    report(f"features: {feature_name(size)}; {len(generated):,} generated vs {len(real):,} real images")
    return compare_images(generated, real, size, seed)
