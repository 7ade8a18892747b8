"""Where images land in latent space: a scatter plot of their encodings, coloured by digit.

Each point is the mean of q(z|x) for one image. With two latent dimensions the axes are z[0] and z[1]; with
more, the plot shows the two principal components of the encodings (the plane that keeps most of their
spread), with the share of variance each explains.
"""

import io
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from genlab.errors import GenlabError
from genlab.images.atomic import atomic_file
from genlab.types import PathLike
from genlab.vae.inputs import load_group, mnist_test_set
from genlab.vae.model import VAE
from genlab.vae.trained import load

PLOT_FORMATS = (".png", ".pdf", ".svg")
DPI = 120


def check_plot_name(output: PathLike) -> Path:
    """``output`` as a Path if matplotlib can write a plot in the format its suffix names."""
    output = Path(output)
    if output.suffix.lower() not in PLOT_FORMATS:
        raise GenlabError(f"cannot save a plot as {output}: the name must end in {', '.join(PLOT_FORMATS)}")
    return output


def scatter(model: VAE | PathLike, path: PathLike | None = None,
            data: PathLike = "mnist") -> Image.Image:
    """The plot of the encodings of MNIST's test digits (``data="mnist"``) or of a folder's images, as a Pillow
    image; also written to ``path`` (PNG, PDF or SVG) if given. ``model`` is a VAE, its run folder or ``.keras``
    file."""
    if path is not None:
        path = check_plot_name(path)
    model = load(model)
    if model.latent_dim < 2:
        raise GenlabError("a latent scatter plot needs at least 2 latent dimensions")
    if str(data) == "mnist":
        digits = mnist_test_set(model.image_shape, "the MNIST test set")
        images, labels, title = digits.images, digits.labels, "MNIST test digits"
    else:
        images, labels, title = load_group(data, model.image_shape), None, str(data)
    points, axis_names = plane(model.encode(images))
    figure = _plot(points, labels, axis_names, f"{title} in the VAE's latent space ({len(images):,} images)")
    if path is not None:
        with atomic_file(path) as file:
            file.write(_drawn(figure, path.suffix[1:].lower()))
    return Image.open(io.BytesIO(_drawn(figure, "png"))).convert("RGB")


def _drawn(figure, format):
    buffer = io.BytesIO()
    figure.savefig(buffer, format=format, dpi=DPI)
    return buffer.getvalue()


def plane(z: np.ndarray) -> tuple[np.ndarray, tuple[str, str]]:
    """(points (N, 2), axis names): the first two latent axes, or the two principal components."""
    if z.shape[1] == 2:
        return z, ("z[0]", "z[1]")
    centred = z - z.mean(axis=0)
    _, singular_values, axes = np.linalg.svd(centred, full_matrices=False)
    shares = singular_values**2 / np.sum(singular_values**2)
    return centred @ axes[:2].T, tuple(f"principal component {i + 1} ({shares[i]:.0%} of variance)" for i in (0, 1))


def _plot(points, labels, axis_names, title):
    figure = Figure(figsize=(8, 7), layout="constrained")
    axes = figure.subplots()
    if labels is None:
        axes.scatter(points[:, 0], points[:, 1], s=3, alpha=0.5, linewidths=0)
    else:
        dots = axes.scatter(points[:, 0], points[:, 1], c=labels, cmap="tab10", vmin=-0.5, vmax=9.5, s=3,
                            alpha=0.7, linewidths=0)
        colours = figure.colorbar(dots, ax=axes, ticks=range(10))
        colours.set_label("digit")
        colours.solids.set_alpha(1)
    axes.set_xlabel(axis_names[0])
    axes.set_ylabel(axis_names[1])
    axes.set_title(title, fontsize=11)
    axes.set_aspect("equal", adjustable="datalim")
    return figure
