"""FID and KID of a DCGAN's images against real ones, on MobileNetV2 features (see genlab.metrics)."""

import numpy as np

from genlab import ranges

from genlab.errors import GenlabError
from genlab.gan.sample import generate_images, load_run
from genlab.gan.train import training_images
from genlab.metrics.image_distances import frechet_distance, kernel_distance
from genlab.metrics.image_features import feature_name, pooled_features


def evaluate(model_path, samples=5000, size=128, seed=0, report=print, **data):
    """{"fid", "kid", "kid_std", "generated", "real", "features"} for ``samples`` generated and real images.

    Real images are a random ``samples`` of the run's own training data, unless ``data`` (keywords as for
    ``train``: ``data``, ``cifar10``, ``class_name`` …) names other images.
    """
    ranges.FID_SAMPLES.check("the number of samples", samples)
    ranges.FEATURE_SIZE.check("the feature size", size)
    model, state = load_run(model_path)
    real = training_images(**(data or state.get("data", {}))).images
    if real.shape[1:] != model.image_shape:
        raise GenlabError(f"real images are {real.shape[1:]}, the model makes {model.image_shape}")
    real = real[np.random.default_rng([seed, 1]).permutation(len(real))[:samples]]
    generated = generate_images(model, samples, seed) / 255.0
    report(f"features: {feature_name(size)}; {len(generated):,} generated vs {len(real):,} real images")
    return compare(generated, real, size, seed)


def compare(images_a, images_b, size=128, seed=0):
    """FID and KID between two sets of images in [0, 1] (same size and channels within each set)."""
    features_a = pooled_features(images_a, size)
    features_b = pooled_features(images_b, size)
    kid, kid_std = kernel_distance(features_a, features_b, seed=seed)
    return {"fid": frechet_distance(features_a, features_b), "kid": kid, "kid_std": kid_std,
            "generated": len(images_a), "real": len(images_b), "features": feature_name(size)}
