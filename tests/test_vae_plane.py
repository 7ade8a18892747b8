"""The latent plane: the scatter plot as a map from its pixels to latent points, for the studio's
click-to-decode. A dot drawn for an image sits at the pixel that maps back to that image's encoding."""

import numpy as np
from PIL import Image

from genlab import vae
from genlab.vae.scatter import latent_plane, principal_plane


def test_the_pixel_of_each_dot_maps_back_to_its_images_encoding(tiny_runs, tmp_path):
    model = vae.load(tiny_runs / "vae")
    pair = tmp_path / "pair"
    pair.mkdir()
    for index, (top, left) in enumerate([(0, 0), (4, 4)]):  # two different images: two dots apart
        pixels = np.zeros((8, 8), np.uint8)
        pixels[top : top + 4, left : left + 4] = 255
        Image.fromarray(pixels).save(pair / f"{index}.png")
    plane = latent_plane(model, pair)
    z = model.encode(np.stack([np.asarray(Image.open(path), "float32")[..., None] / 255
                               for path in sorted(pair.iterdir())]))
    left, top, right, bottom = (round(edge) for edge in plane.axes_box)
    inside = np.asarray(plane.picture)[top + 3 : bottom - 3, left + 3 : right - 3].astype(int)
    rows, columns = np.nonzero(inside.sum(axis=2) < 3 * 240)  # the dots: all that is not white in the plot
    assert len(rows) > 0
    by_x = columns < columns.mean()
    dots = sorted((columns[half].mean() + left + 3.5, rows[half].mean() + top + 3.5) for half in (by_x, ~by_x))
    per_pixel = np.array([np.ptp(plane.limits[:2]), np.ptp(plane.limits[2:])]) / np.array(
        [right - left, bottom - top])
    for (x, y), code in zip(dots, sorted(z, key=lambda point: point[0])):
        np.testing.assert_allclose(plane.latent_point(x, y), code, atol=float(per_pixel.max()) * 3)


def test_a_higher_latent_plane_maps_back_into_the_space_of_the_points():
    rng = np.random.default_rng(1)
    origin, directions = rng.normal(size=4), np.linalg.qr(rng.normal(size=(4, 2)))[0].T
    z = origin + rng.normal(size=(50, 2)) @ directions  # points on a plane in 4-D latent space
    projection = principal_plane(z)
    assert projection.names[0].startswith("principal component 1 (")
    np.testing.assert_allclose([projection.latent(point) for point in projection.plane(z)], z, atol=1e-4)

