"""Variational autoencoder: training, and exploring the latent space it learns.

    from genlab import vae
    vae.train(run="runs/vae", epochs=30)             # MNIST, latent 2, the true ELBO
    model = vae.load("runs/vae/model.keras")
    vae.grid(model, "grid.png")                       # decode a 15×15 grid of latent points
    vae.scatter(model, "scatter.png")                 # test digits in latent space, by label
    vae.morph(model, "mnist:0", "mnist:1", "morph.gif")
    vae.concept(model, "1", "7", "concept.png")       # move 1s along the "towards a 7" direction
"""

from genlab.training.runs import load_trained
from genlab.vae.concept import concept, concept_vector
from genlab.vae.grid import grid
from genlab.vae.model import VAE
from genlab.vae.morph import morph
from genlab.vae.scatter import scatter
from genlab.vae.train import RECORD, train


def load(path):
    """Load a VAE saved by :func:`train`: its run folder or the folder's ``model.keras``."""
    return load_trained(path, VAE, "VAE", RECORD)[0]


__all__ = ["VAE", "concept", "concept_vector", "grid", "load", "morph", "scatter", "train"]
