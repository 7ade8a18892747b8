"""Where images land in latent space: a scatter plot of their encodings, coloured by digit.

Each point is the mean of q(z|x) for one image. With two latent dimensions the axes are z[0] and z[1]; with
more, the plot shows the two principal components of the encodings (the plane that keeps most of their
spread), with the share of variance each explains.
"""

import io
from dataclasses import dataclass
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


@dataclass(frozen=True)
class LatentPlane:
    """The scatter plot as a map: ``picture`` (a Pillow image) and where its pixels are in latent space."""

    picture: Image.Image
    axes_box: tuple[float, float, float, float]  # the plot area in the picture: left, top, right, bottom
    limits: tuple[float, float, float, float]  # the plane coordinates there: x at left, x at right, y at bottom, top
    projection: "Projection"

    def latent_point(self, x: float, y: float) -> np.ndarray:
        """The latent point (latent_dim,) under pixel (``x``, ``y``) of the picture, counted from its top left;
        a point outside the plot area is clamped to its edge."""
        left, top, right, bottom = self.axes_box
        x_left, x_right, y_bottom, y_top = self.limits
        across = np.clip((x - left) / (right - left), 0.0, 1.0)
        up = np.clip((bottom - y) / (bottom - top), 0.0, 1.0)
        plane_point = np.array([x_left + across * (x_right - x_left), y_bottom + up * (y_top - y_bottom)])
        return self.projection.latent(plane_point)


@dataclass(frozen=True)
class Projection:
    """The plane through latent space that the plot shows: its origin and two unit axes (latent_dim each)."""

    origin: np.ndarray
    axes: np.ndarray  # (2, latent_dim)
    names: tuple[str, str]

    def plane(self, z: np.ndarray) -> np.ndarray:
        """Latent points (N, latent_dim) → their coordinates in the plane (N, 2)."""
        return (z - self.origin) @ self.axes.T

    def latent(self, point: np.ndarray) -> np.ndarray:
        """Plane coordinates (2,) → the latent point (latent_dim,) they stand for (float32)."""
        return (self.origin + point @ self.axes).astype("float32")


def scatter(model: VAE | PathLike, path: PathLike | None = None,
            data: PathLike = "mnist") -> Image.Image:
    """The plot of the encodings of MNIST's test digits (``data="mnist"``) or of a folder's images, as a Pillow
    image; also written to ``path`` (PNG, PDF or SVG) if given. ``model`` is a VAE, its run folder or ``.keras``
    file."""
    if path is not None:
        path = check_plot_name(path)
    figure, _, _ = _scatter_figure(model, data)
    if path is not None:
        with atomic_file(path) as file:
            file.write(_drawn(figure, path.suffix[1:].lower()))
    return Image.open(io.BytesIO(_drawn(figure, "png"))).convert("RGB")


def latent_plane(model: VAE | PathLike, data: PathLike = "mnist") -> LatentPlane:
    """:func:`scatter`'s plot as a :class:`LatentPlane`: the picture, and the latent point under each of its
    pixels (the studio decodes the point a visitor clicks)."""
    figure, axes, projection = _scatter_figure(model, data)
    picture = Image.open(io.BytesIO(_drawn(figure, "png"))).convert("RGB")
    box = axes.get_window_extent()  # after drawing, in the picture's pixels counted from its bottom left
    return LatentPlane(picture, (box.x0, picture.height - box.y1, box.x1, picture.height - box.y0),
                       (*axes.get_xlim(), *axes.get_ylim()), projection)


def _scatter_figure(model, data):
    model = load(model)
    if model.latent_dim < 2:
        raise GenlabError("a latent scatter plot needs at least 2 latent dimensions")
    if str(data) == "mnist":
        digits = mnist_test_set(model.image_shape, "the MNIST test set")
        images, labels, title = digits.images, digits.labels, "MNIST test digits"
    else:
        images, labels, title = load_group(data, model.image_shape), None, str(data)
    z = model.encode(images)
    projection = principal_plane(z)
    figure, axes = _plot(projection.plane(z), labels, projection.names,
                         f"{title} in the VAE's latent space ({len(images):,} images)")
    return figure, axes, projection


def _drawn(figure, format):
    buffer = io.BytesIO()
    figure.savefig(buffer, format=format, dpi=DPI)
    return buffer.getvalue()


def principal_plane(z: np.ndarray) -> Projection:
    """The first two latent axes for a 2-D latent space; else the plane of the two principal components of the
    points ``z`` (N, latent_dim), through their mean, with the share of variance each explains."""
    latent_dim = z.shape[1]
    if latent_dim == 2:
        return Projection(np.zeros(2), np.eye(2), ("z[0]", "z[1]"))
    origin = z.mean(axis=0)
    _, singular_values, axes = np.linalg.svd(z - origin, full_matrices=False)
    shares = singular_values**2 / np.sum(singular_values**2)
    return Projection(origin, axes[:2], tuple(f"principal component {i + 1} ({shares[i]:.0%} of variance)"
                                              for i in (0, 1)))


def _plot(points, labels, axis_names, title):
    figure = Figure(figsize=(8, 7), dpi=DPI, layout="constrained")
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
    return figure, axes
