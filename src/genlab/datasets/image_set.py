"""The one shape every data set takes."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ImageSet:
    """``images``: float32 (N, H, W, C) in [0, 1]; ``labels``: int (N,) or None; ``name`` says where from."""

    images: np.ndarray
    labels: np.ndarray | None
    name: str

    def __len__(self) -> int:
        return len(self.images)

    @property
    def shape(self) -> tuple[int, int, int]:
        """(height, width, channels) of one image."""
        return self.images.shape[1:]

    def padded_to(self, height: int, width: int) -> "ImageSet":
        """The same images, zero-padded evenly on all sides to ``height`` × ``width`` (MNIST 28 → 32)."""
        top = (height - self.images.shape[1]) // 2
        left = (width - self.images.shape[2]) // 2
        if top < 0 or left < 0:
            raise ValueError(f"cannot pad {self.images.shape[1:3]} images to {height}×{width}")
        pad = ((0, 0), (top, height - self.images.shape[1] - top), (left, width - self.images.shape[2] - left), (0, 0))
        return ImageSet(np.pad(self.images, pad), self.labels, self.name)

    def where(self, label: int) -> "ImageSet":
        """The images whose label is ``label``."""
        if self.labels is None:
            raise ValueError(f"{self.name} has no labels")
        keep = self.labels == label
        return ImageSet(self.images[keep], self.labels[keep], f"{self.name}, label {label}")
