"""Variational autoencoder: training, and exploring the latent space it learns.

Every exploration function takes the VAE as a run folder, its ``model.keras`` or a loaded model, and returns
its picture (NumPy float images in [0, 255]; a Pillow image for ``scatter``), writing a file too when given
``path``. Single images are an image file or ``index:N`` (image N of MNIST's test set); groups are a folder or
``label:D`` (MNIST's test digits labelled D).

    from genlab import vae
    vae.train(run="runs/vae", epochs=30)               # MNIST, latent 2, the true ELBO
    sheet = vae.grid("runs/vae", "grid.png")            # decode a 15×15 grid of latent points
    model = vae.load("runs/vae")                        # load once to call several functions
    vae.scatter(model, "scatter.png")                   # test digits in latent space, by label
    frames = vae.morph(model, "index:0", "index:1", "morph.gif")
    vae.concept(model, "label:1", "label:7", "concept.png")   # move 1s along the "towards a 7" direction
"""

from genlab.vae.concept import concept, concept_vector
from genlab.vae.grid import grid
from genlab.vae.model import VAE
from genlab.vae.morph import morph
from genlab.vae.scatter import scatter
from genlab.vae.train import train
from genlab.vae.trained import load

__all__ = ["VAE", "concept", "concept_vector", "grid", "load", "morph", "scatter", "train"]
