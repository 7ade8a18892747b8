"""The latent space as a picture: decode a grid of points spaced by the prior's quantiles.

Points are at ``norm.ppf(linspace(0.05, 0.95, 15))`` on the first two latent axes (any others at 0, the
prior's mean), so equal areas of the grid hold equal prior probability. The first axis runs left to right and
the second bottom to top, the same orientation as ``scatter``'s plot.
"""


import numpy as np
from scipy.stats import norm

from genlab import ranges
from genlab.errors import GenlabError
from genlab.images import contact_sheet, save_image
from genlab.types import PathLike
from genlab.vae.model import VAE
from genlab.vae.pictures import to_pixels
from genlab.vae.trained import load


def latent_grid(latent_dim: int, size: int = 15, low: float = 0.05, high: float = 0.95) -> np.ndarray:
    """(size·size, latent_dim) points, row by row from the top left."""
    if latent_dim < 2:
        raise GenlabError("a latent grid needs at least 2 latent dimensions")
    check_grid(size, low, high)
    quantiles = norm.ppf(np.linspace(low, high, size))
    across, up = np.meshgrid(quantiles, quantiles[::-1])
    points = np.zeros((size * size, latent_dim), "float32")
    points[:, 0], points[:, 1] = across.ravel(), up.ravel()
    return points


def check_grid(size: int, low: float, high: float) -> None:
    """Refuse a grid size under 1 or quantiles outside 0 < low < high < 1."""
    ranges.COUNT.check("the grid size", size)
    if not (ranges.QUANTILE.contains(low) and ranges.QUANTILE.contains(high) and low < high):
        raise GenlabError(f"the grid's quantiles need 0 < low < high < 1, not low {low} and high {high}")


def grid_picture(model: VAE, size: int = 15, low: float = 0.05, high: float = 0.95) -> np.ndarray:
    """The decoded ``size`` × ``size`` grid as one float picture in [0, 255], one image per point, edge to edge."""
    decoded = model.decode(latent_grid(model.latent_dim, size, low, high))
    return contact_sheet(to_pixels(decoded), columns=size, padding=0)


def grid(model: VAE | PathLike, path: PathLike | None = None, size: int = 15, low: float = 0.05,
         high: float = 0.95) -> np.ndarray:
    """The decoded ``size`` × ``size`` grid, one image per point, edge to edge, as a float (H, W, C) image in
    [0, 255]; also written to ``path`` (PNG) if given. ``model`` is a VAE, its run folder or ``.keras`` file."""
    sheet = grid_picture(load(model), size, low, high)
    if path is not None:
        save_image(path, sheet)
    return sheet
