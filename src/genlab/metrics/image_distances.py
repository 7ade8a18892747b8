"""Fréchet distance (FID) and kernel distance (KID) between two sets of image features.

FID (Heusel et al. 2017) fits a Gaussian to each set and measures the Fréchet distance between them; it is
biased for small sets, so compare figures only at equal sample sizes. KID (Bińkowski et al. 2018) is the
unbiased squared MMD with the cubic polynomial kernel k(x, y) = (x·y / d + 1)³, averaged over random
subsets; its standard deviation over the subsets is reported with it.
"""

import warnings

import numpy as np
from scipy import linalg


def frechet_distance(features_a, features_b):
    """‖μa − μb‖² + Tr(Σa + Σb − 2 (Σa Σb)^½) for two (N, d) feature arrays."""
    mean_a, mean_b = features_a.mean(axis=0), features_b.mean(axis=0)
    cov_a, cov_b = np.cov(features_a, rowvar=False), np.cov(features_b, rowvar=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", linalg.LinAlgWarning)  # singular with few samples; handled below
        root = linalg.sqrtm(cov_a @ cov_b)
    if not np.isfinite(root).all():
        # A singular product (few samples): nudge both covariances, as the reference implementation does.
        offset = np.eye(len(cov_a)) * 1e-6
        root = linalg.sqrtm((cov_a + offset) @ (cov_b + offset))
    distance = np.sum((mean_a - mean_b) ** 2) + np.trace(cov_a) + np.trace(cov_b) - 2.0 * np.trace(root.real)
    return float(max(distance, 0.0))


def kernel_distance(features_a, features_b, subsets=100, subset_size=1000, seed=0):
    """(mean, standard deviation) of the unbiased MMD² over ``subsets`` random subsets of each set."""
    rng = np.random.default_rng(seed)
    size = min(subset_size, len(features_a), len(features_b))
    dimensions = features_a.shape[1]
    estimates = []
    for _ in range(subsets):
        a = features_a[rng.choice(len(features_a), size, replace=False)]
        b = features_b[rng.choice(len(features_b), size, replace=False)]
        k_aa = (a @ a.T / dimensions + 1.0) ** 3
        k_bb = (b @ b.T / dimensions + 1.0) ** 3
        k_ab = (a @ b.T / dimensions + 1.0) ** 3
        within = (k_aa.sum() - np.trace(k_aa) + k_bb.sum() - np.trace(k_bb)) / (size * (size - 1))
        estimates.append(within - 2.0 * k_ab.mean())
    return float(np.mean(estimates)), float(np.std(estimates))
