"""FID and KID of a diffusion model's images against real ones, on MobileNetV2 features, as ``gan evaluate``
measures them, so that the two compare."""

from genlab.diffusion.model import DiffusionModel
from genlab.diffusion.sample import generate_images
from genlab.diffusion.trained import load_run
from genlab.metrics.image_sets import score_generator
from genlab.types import PathLike, Report


def evaluate(model: DiffusionModel | PathLike, samples: int = 5000, size: int = 128, seed: int = 0,
             report: Report = print, steps: int | None = None, sampler: str | None = None, guidance: float = 1.0,
             eta: float = 0.0, **data) -> dict:
    """{"fid", "kid", "kid_std", "generated", "real", "features"} for ``samples`` generated and real images.

    A class-conditional model draws its classes in turn (``guidance`` 0: unconditionally). ``model`` and
    ``data`` are as for :func:`genlab.gan.evaluate`; ``steps``, ``sampler`` and ``eta`` as for
    :func:`genlab.diffusion.sample`.
    """
    model, state = load_run(model)
    options = {"steps": steps, "sampler": sampler, "guidance": guidance, "eta": eta}
    return score_generator(lambda count, seed: generate_images(model, count, seed, **options), model.image_shape,
                           state, samples, size, seed, report, **data)
