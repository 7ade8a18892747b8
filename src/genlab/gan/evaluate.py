"""FID and KID of a DCGAN's images against real ones, on MobileNetV2 features (see genlab.metrics)."""

import numpy as np

from genlab import ranges
from genlab.errors import GenlabError
from genlab.gan.model import DCGAN
from genlab.gan.sample import generate_images
from genlab.gan.train import training_images
from genlab.gan.trained import load_run
from genlab.metrics.image_distances import frechet_distance, kernel_distance
from genlab.metrics.image_features import feature_name, pooled_features
from genlab.types import PathLike, Report


def evaluate(model: DCGAN | PathLike, samples: int = 5000, size: int = 128, seed: int = 0, report: Report = print,
             **data) -> dict:
    """{"fid", "kid", "kid_std", "generated", "real", "features"} for ``samples`` generated and real images.

    ``model`` is a DCGAN, its run folder or ``.keras`` file. Real images are a random ``samples`` of the run's
    own training data, unless ``data`` (keywords as for ``train``: ``data``, ``cifar10``, ``class_name`` …)
    names other images; a loaded DCGAN does not carry its run's record, so with one ``data`` is needed.
    """
    ranges.FID_SAMPLES.check("the number of samples", samples)
    ranges.FEATURE_SIZE.check("the feature size", size)
    model, state = load_run(model)
    if not data and state is None:
        raise GenlabError("a loaded DCGAN does not know its training images: name the real images "
                          "(data=\"mnist\", a folder, or cifar10=… with class_name=…) or pass its run folder")
    real = training_images(**(data or state.get("data", {}))).images
    if real.shape[1:] != model.image_shape:
        raise GenlabError(f"real images are {real.shape[1:]}, the model makes {model.image_shape}")
    real = real[np.random.default_rng([seed, 1]).permutation(len(real))[:samples]]
    generated = generate_images(model, samples, seed) / 255.0
    report(f"features: {feature_name(size)}; {len(generated):,} generated vs {len(real):,} real images")
    return compare(generated, real, size, seed)


def compare(images_a: np.ndarray, images_b: np.ndarray, size: int = 128, seed: int = 0) -> dict:
    """FID and KID between two sets of images in [0, 1] (same size and channels within each set)."""
    features_a = pooled_features(images_a, size)
    features_b = pooled_features(images_b, size)
    kid, kid_std = kernel_distance(features_a, features_b, seed=seed)
    return {"fid": frechet_distance(features_a, features_b), "kid": kid, "kid_std": kid_std,
            "generated": len(images_a), "real": len(images_b), "features": feature_name(size)}
