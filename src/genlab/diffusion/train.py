"""Train a diffusion model on MNIST, CIFAR-10 or a folder of images, resumably.

A run lives in one folder: ``model.keras`` (the latest checkpoint: the U-Net, its weight average, the optimizer
state and the run's record) and ``samples/`` (a grid from the run's fixed noise after every epoch of
``steps_per_epoch`` steps, and ``latest.png``). Labelled data (MNIST digits, CIFAR-10 classes) trains a
class-conditional model, one row of the grid per class; a folder, or one CIFAR-10 class, an unconditional one.
"""

from pathlib import Path

import keras
import numpy as np

from genlab.datasets import ImageSet, load_generator_images
from genlab.diffusion.callbacks import SampleGrid
from genlab.diffusion.model import DiffusionModel
from genlab.diffusion.presets import DEFAULT_PRESET, resolve_settings
from genlab.errors import GenlabError
from genlab.images.signed import to_signed
from genlab.training.loop import ResumableFit
from genlab.training.records import RECORDS
from genlab.training.seeding import resolve_seed
from genlab.training.averaging import WeightAverage
from genlab.training.batches import ShuffledBatches
from genlab.training.distribution import Distribute
from genlab.training.layout import SAMPLE_GRIDS
from genlab.training.optimizers import loss_scaled
from genlab.training.progress import counted
from genlab.training.runs import check_same_data, refuse_existing, resume_run, training_run
from genlab.types import PathLike, Report


def train(run: PathLike = "runs/diffusion", data: PathLike = "mnist", cifar10: PathLike | None = None,
          class_name: str | int | None = None, image_size: int | None = None, channels: int | None = None,
          labels: bool = True, preset: str = DEFAULT_PRESET, steps: int | None = None, minutes: float | None = None,
          resume: bool = False, overwrite: bool = False, seed: int | None = None, grid_size: int | None = None,
          tensorboard: bool = False, distribute: Distribute | bool | None = None, report: Report = print,
          **overrides) -> dict:
    """Train (or, with ``resume=True``, continue) a diffusion model; return the run's record.

    ``data`` is ``"mnist"`` (padded to 32×32) or a folder of images (``image_size``, ``channels``);
    ``cifar10`` is the python tarball, with ``class_name`` choosing one class. The labels of MNIST and of all
    CIFAR-10 classes make the model class-conditional, unless ``labels=False``. ``preset`` is ``cpu`` or
    ``book``; keyword ``overrides`` change single settings (``widths=[32, 64]``, ``label_dropout=0.2`` …).
    Training stops after ``steps`` steps in total (default: the preset's) or ``minutes`` in this call,
    whichever comes first. ``grid_size`` is the number of images in each epoch's sample grid (default: 10 per
    class, or 64). ``tensorboard``, ``distribute`` and ``overwrite`` are as for the other trainers (see
    :func:`genlab.gan.train`).
    """
    with training_run(run, resume, overwrite, distribute, report) as (checkpoint, placement, report):
        if resume:
            model, state = resume_run(checkpoint, DiffusionModel, "diffusion", RECORDS["diffusion"], report,
                                      ignored=overrides)
        else:
            refuse_existing(checkpoint, "diffusion", overwrite)
            state = {"preset": preset, "settings": resolve_settings(preset, overrides),
                     "seed": resolve_seed(seed, report), "history": [], "step": 0,
                     "data": {"data": str(data) if data == "mnist" else str(Path(data).resolve()),
                              "cifar10": None if cifar10 is None else str(Path(cifar10).resolve()),
                              "class_name": None if class_name is None else str(class_name),
                              "image_size": image_size, "channels": channels, "labels": labels}}
        settings = state["settings"]
        images = load_generator_images(**{key: value for key, value in state["data"].items() if key != "labels"})
        classes = class_count(images) if state["data"]["labels"] else 0
        check_same_data(state, "data_sha256", np.ascontiguousarray(images.images).data,
                        f"the training images of {images.name}")
        pixels = to_signed(images.images)
        if not resume:
            state["classes"] = classes
            state["grid_size"] = grid_size or (10 * classes if classes else 64)
            model = build_model(settings, images.shape, classes, state["seed"], pixels)
        if tuple(images.shape) != model.image_shape:
            raise GenlabError(f"the data's images are {images.shape}, the run's model makes {model.image_shape}")
        batch_size = min(settings["batch_size"], len(images))
        batches = ShuffledBatches(((pixels, images.labels.astype("int32")),) if classes else pixels, batch_size,
                                  state["seed"])
        placement.check_batch(batch_size)
        conditioning = f"conditional on {classes} classes" if classes else "unconditional"
        report(f"diffusion ({state['preset']}): U-Net {model.network.count_params():,} parameters, {conditioning} · "
               f"{len(images):,} images of {images.name}, {'×'.join(map(str, images.shape))} · an epoch is "
               f"{counted(settings['steps_per_epoch'], 'step')} of {batch_size}; samples in {checkpoint.parent / SAMPLE_GRIDS} · "
               f"{placement.describe()}")
        grid = SampleGrid(state["grid_size"], classes, settings["sampling_steps"], settings["sampler"],
                          state["seed"], checkpoint.parent / SAMPLE_GRIDS)
        fit = ResumableFit(model, placement.shard(batches), settings["steps_per_epoch"], checkpoint, state,
                           callbacks=[WeightAverage(), grid], report=report, tensorboard=tensorboard,
                           overwrite=overwrite)
        total = settings["steps"] if steps is None else steps
        fit.run(steps=total, minutes=minutes)
    return state


def class_count(images: ImageSet) -> int:
    """The number of classes a conditional model learns from ``images``: 0 without labels or with one class."""
    if images.labels is None or len(np.unique(images.labels)) < 2:
        return 0
    return int(images.labels.max()) + 1


def build_model(settings, image_shape, classes, seed, pixels):
    """A compiled model for ``settings``. Where they ask to standardise, the model standardises images as
    ``pixels`` (the signed training images) would be: their mean and standard deviation per channel (a blank
    channel keeps its spread at 1); otherwise it takes the signed images as they are."""
    mean, spread = np.zeros(image_shape[-1]), np.ones(image_shape[-1])
    if settings["standardise"]:
        mean, spread = pixels.mean(axis=(0, 1, 2)), pixels.std(axis=(0, 1, 2))
    model = DiffusionModel(image_shape, settings["widths"], settings["block_depth"], classes,
                           settings["label_dropout"], settings["average"], settings["precision"], seed=seed,
                           sampler=settings["sampler"], sampling_steps=settings["sampling_steps"],
                           condition=settings["condition"], data_mean=mean.tolist(),
                           data_std=np.where(spread > 1e-3, spread, 1.0).tolist())
    model.compile(optimizer=loss_scaled(keras.optimizers.AdamW(settings["learning_rate"],
                                                               weight_decay=settings["weight_decay"]),
                                        settings["precision"]))
    example = np.zeros((1, *image_shape), "float32")
    model((example, np.zeros((1,), "int32")) if classes else example)
    model.optimizer.build(model.trainable_variables)
    return model
