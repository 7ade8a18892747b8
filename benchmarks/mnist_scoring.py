"""What the MNIST image-generator benchmarks share: the real training digits they score against, and the
table cells of a score."""

import numpy as np


def real_digits(count, seed=0):
    """``count`` MNIST training digits (padded to 32×32, in [0, 1]) drawn without replacement with ``seed``.
    genlab is imported here, not above, so that a child process of another backend can import this module."""
    from genlab.datasets import load_generator_images

    real = load_generator_images().images
    return real[np.random.default_rng(seed).permutation(len(real))[:count]]


def score_cells(scores):
    """``FID | KID ± its standard deviation`` of a :func:`genlab.metrics.image_sets.compare_images` result."""
    return f"{scores['fid']:.2f} | {scores['kid']:.4f} ± {scores['kid_std']:.4f}"


def print_table(caption, columns, rows):
    """A Markdown table under ``caption``: ``columns`` the headings, ``rows`` lists of cells as text."""
    print(f"\n{caption}:")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(row) + " |", flush=True)
