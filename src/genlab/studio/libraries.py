"""genlab's technique libraries as the studio's tabs use them: each imported when a handler first needs it, not
when the page is built. Importing any of them imports Keras and its backend (about 7 s with TensorFlow on this
project's CPUs), and the page should be served before that (BENCHMARKS.md, "Studio")."""

import importlib


class OnFirstUse:
    """Stands for the module ``name``: the first attribute read imports it (Python's import lock makes that
    safe from several threads at once)."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attribute):
        return getattr(importlib.import_module(self._name), attribute)


backbones = OnFirstUse("genlab.backbones")
diffusion = OnFirstUse("genlab.diffusion")
diffusion_frames = OnFirstUse("genlab.diffusion.sample")
dream = OnFirstUse("genlab.dream")
gan = OnFirstUse("genlab.gan")
style = OnFirstUse("genlab.style")
text = OnFirstUse("genlab.text")
vae = OnFirstUse("genlab.vae")
vae_pictures = OnFirstUse("genlab.vae.pictures")
vae_planes = OnFirstUse("genlab.vae.scatter")
