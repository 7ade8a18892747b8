"""Train a DCGAN on MNIST, a CIFAR-10 class or a folder of images, resumably.

A run lives in one folder: ``model.keras`` (the latest checkpoint: both networks, the optimizer state and the
run's record) and ``samples/`` (a grid from the run's fixed latents after every epoch of ``steps_per_epoch``
steps, and ``latest.png``).
"""

from pathlib import Path

import numpy as np

from genlab.datasets import load_generator_images
from genlab.errors import GenlabError
from genlab.gan.callbacks import DiscriminatorWatch, SampleGrid, fixed_latents
from genlab.gan.model import DCGAN
from genlab.gan.optimizer import TwoPlayerRMSprop
from genlab.gan.presets import resolve_settings
from genlab.images.signed import to_signed
from genlab.training.loop import ResumableFit
from genlab.training.records import RECORDS
from genlab.training.seeding import resolve_seed
from genlab.training.averaging import WeightAverage
from genlab.training.batches import ShuffledBatches
from genlab.training.distribution import Distribute
from genlab.training.progress import counted
from genlab.training.optimizers import loss_scaled
from genlab.training.layout import SAMPLE_GRIDS
from genlab.training.runs import check_same_data, refuse_existing, resume_run, training_run
from genlab.types import PathLike, Report


def train(run: PathLike = "runs/gan", data: PathLike = "mnist", cifar10: PathLike | None = None,
          class_name: str | int | None = None, image_size: int | None = None, channels: int | None = None,
          preset: str = "cpu", steps: int | None = None, minutes: float | None = None, resume: bool = False,
          overwrite: bool = False, seed: int | None = None, grid_size: int = 64, tensorboard: bool = False,
          distribute: Distribute | bool | None = None, report: Report = print, **overrides) -> dict:
    """Train (or, with ``resume=True``, continue) a DCGAN; return the run's record.

    ``data`` is ``"mnist"`` or a folder of images (``image_size``, ``channels``); ``cifar10`` is the python
    tarball, with ``class_name`` choosing one class (``frog``). ``preset`` is ``cpu`` or ``book``; keyword
    ``overrides`` change single settings (``d_learning_rate=4e-4``, ``dropout=0.5`` …). Training stops after
    ``steps`` steps in total (default: the preset's) or ``minutes`` in this call, whichever comes first.
    ``tensorboard`` also writes TensorBoard event files to ``run/tensorboard``. ``distribute`` trains
    data-parallel (see :func:`genlab.training.distribution.data_parallel`). ``overwrite=True`` starts over in a run
    folder that already holds a run, replacing it once the new run's data and model are ready.
    """
    with training_run(run, resume, overwrite, distribute, report) as (checkpoint, placement, report):
        if resume:
            model, state = resume_run(checkpoint, DCGAN, "GAN", RECORDS["gan"], report, ignored=overrides)
        else:
            refuse_existing(checkpoint, "gan", overwrite)
            settings = resolve_settings(preset, overrides)
            state = {"preset": preset, "settings": settings, "seed": resolve_seed(seed, report), "history": [],
                     "step": 0, "grid_size": grid_size,
                     "data": {"data": str(data) if data == "mnist" else str(Path(data).resolve()),
                              "cifar10": None if cifar10 is None else str(Path(cifar10).resolve()),
                              "class_name": class_name, "image_size": image_size, "channels": channels}}
        settings = state["settings"]
        images = load_generator_images(**state["data"])
        check_same_data(state, "data_sha256", np.ascontiguousarray(images.images).data,
                        f"the training images of {images.name}")
        if not resume:
            model = build_model(settings, images.shape, state["seed"])
        if tuple(images.shape) != model.image_shape:
            raise GenlabError(f"the data's images are {images.shape}, the run's model makes {model.image_shape}")
        batches = ShuffledBatches(to_signed(images.images), min(settings["batch_size"], len(images)),
                                  state["seed"])
        placement.check_batch(batches.batch_size)
        report(f"DCGAN ({state['preset']}): generator {model.generator.count_params():,} and discriminator "
               f"{model.discriminator.count_params():,} parameters · {len(images):,} images of {images.name}, "
               f"{'×'.join(map(str, images.shape))} · an epoch is {counted(settings['steps_per_epoch'], 'step')} of "
               f"{batches.batch_size}; samples in {checkpoint.parent / SAMPLE_GRIDS} · {placement.describe()}")
        latents = fixed_latents(settings["latent_dim"], state["grid_size"], state["seed"])
        fit = ResumableFit(model, placement.shard(batches), settings["steps_per_epoch"], checkpoint, state,
                           callbacks=[WeightAverage(), SampleGrid(latents, checkpoint.parent / SAMPLE_GRIDS),
                                      DiscriminatorWatch(report)], report=report, tensorboard=tensorboard,
                           overwrite=overwrite)
        total = settings["steps"] if steps is None else steps
        fit.run(steps=total, minutes=minutes)
    return state


def build_model(settings, image_shape, seed):
    model = DCGAN(settings["architecture"], settings["latent_dim"], image_shape, settings["dropout"],
                  settings["label_noise"], settings["average"], settings.get("precision", "float32"), seed=seed)
    model.compile(optimizer=loss_scaled(TwoPlayerRMSprop(
        generator_variables=len(model.generator.trainable_variables),
        generator_learning_rate=settings["g_learning_rate"],
        learning_rate=settings["d_learning_rate"],
        clipvalue=settings["clipvalue"],
    ), settings.get("precision", "float32")))
    model(np.zeros((1, *image_shape), dtype="float32"))
    model.optimizer.build(model.trainable_variables)
    return model

