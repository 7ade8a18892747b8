"""FID and KID of a DCGAN's images against real ones, on MobileNetV2 features (see genlab.metrics)."""

from genlab.gan.model import DCGAN
from genlab.gan.sample import generate_images
from genlab.gan.trained import load_run
from genlab.metrics.image_sets import score_generator
from genlab.types import PathLike, Report


def evaluate(model: DCGAN | PathLike, samples: int = 5000, size: int = 128, seed: int = 0, report: Report = print,
             **data) -> dict:
    """{"fid", "kid", "kid_std", "generated", "real", "features"} for ``samples`` generated and real images.

    ``model`` is a DCGAN, its run folder or ``.keras`` file. Real images are a random ``samples`` of the run's
    own training data, unless ``data`` (keywords as for ``train``: ``data``, ``cifar10``, ``class_name`` …)
    names other images; a loaded DCGAN does not carry its run's record, so with one ``data`` is needed.
    """
    model, state = load_run(model)
    return score_generator(lambda count, seed: generate_images(model, count, seed), model.image_shape, state,
                           samples, size, seed, report, **data)
