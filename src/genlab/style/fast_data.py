"""Training photos for a fast style network: random crops, chosen as a pure function of the step."""

from functools import lru_cache

import numpy as np

from genlab.errors import GenlabError
from genlab.images import list_images, load_image, resize, sample_photos
from genlab.style.temporal import small_motions


def training_photos(folder=None):
    """The images of ``folder``, or, with none given, the photos that ship with installed packages."""
    if folder is not None:
        return list_images(folder)
    photos = list(sample_photos().values())
    if not photos:
        raise GenlabError("no bundled photos found (install scikit-image), and no --images folder given")
    return photos


class RandomCrops:
    """``batch(step)`` → (crops, motions): ``batch_size`` random ``crop``×``crop`` squares, randomly mirrored,
    and a small random motion of each (see :mod:`genlab.style.temporal`).

    Each photo is scaled so that its shorter side is ``1.5 × crop`` (so crops show whole objects, not
    texture), and kept in a cache of recently used photos.
    """

    def __init__(self, paths, crop=256, batch_size=4, seed=0):
        self.paths, self.crop, self.batch_size, self.seed = list(paths), crop, batch_size, seed
        self._load = lru_cache(maxsize=256)(self._scaled)

    def _scaled(self, index):
        image = load_image(self.paths[index])
        scale = 1.5 * self.crop / min(image.shape[:2])
        return resize(image, (max(self.crop, round(image.shape[0] * scale)), max(self.crop, round(image.shape[1] * scale))))

    def __call__(self, step):
        rng = np.random.default_rng([self.seed, step])
        crops = []
        for index in rng.integers(0, len(self.paths), self.batch_size):
            image = self._load(int(index))
            top = rng.integers(0, image.shape[0] - self.crop + 1)
            left = rng.integers(0, image.shape[1] - self.crop + 1)
            crop = image[top : top + self.crop, left : left + self.crop]
            crops.append(crop[:, ::-1] if rng.random() < 0.5 else crop)
        return np.stack(crops).astype("float32"), small_motions(np.random.default_rng([self.seed, step, 1]),
                                                                self.batch_size, self.crop)
