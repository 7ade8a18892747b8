"""Train a VAE on MNIST or a folder of images, resumably.

A run lives in one folder: ``model.keras``, the latest checkpoint (model, optimizer state, and the run's
record: data, settings, seed, per-epoch history with the held-out −ELBO), and ``grids/`` (the decoded latent
grid after every epoch, and ``latest.png``).
"""

import keras
import numpy as np

from genlab.errors import GenlabError
from genlab.training.loop import ResumableFit
from genlab.training.records import RECORDS
from genlab.training.seeding import resolve_seed
from genlab.training.batches import EVALUATION_BATCH, ShuffledBatches
from genlab.training.distribution import Distribute, Placement
from genlab.training.optimizers import make_optimizer
from genlab.training.progress import counted
from genlab.training.layout import LATENT_GRIDS, run_file
from genlab.training.runs import check_same_data, refuse_existing, resume_run, training_run
from genlab.vae.callbacks import ElboReport, LatentGrid
from genlab.types import PathLike, Report
from genlab.vae.data import describe_data, load_splits
from genlab.vae.model import VAE
from genlab.vae.presets import DEFAULT_PRESET, resolve_settings

LR_DROP = 0.1


def train(run: PathLike = "runs/vae", data: PathLike = "mnist", image_size: int | None = None,
          channels: int | None = None, latent_dim: int | None = None, preset: str | None = None,
          epochs: int | None = None, minutes: float | None = None, resume: bool = False, overwrite: bool = False,
          seed: int | None = None, test_fraction: float = 0.1, tensorboard: bool = False, distribute: Distribute | bool | None = None,
          report: Report = print, **overrides) -> dict:
    """Train (or, with ``resume=True``, continue) a VAE; return the run's record.

    ``data`` is ``mnist``, an MNIST-format ``.pkl.gz``, or a folder of images (resized to ``image_size``,
    ``channels`` 1 or 3; ``test_fraction`` of them held out). ``preset`` is ``cpu`` (default) or ``book``;
    ``latent_dim`` and keyword ``overrides`` (``loss``, ``optimizer``, ``learning_rate``, ``batch_size``,
    ``drop_lr_after``, ``precision``) change single settings. Training stops after ``epochs`` epochs in total (default: the
    preset's) or ``minutes`` of wall-clock time in this call; Ctrl-C keeps every finished step. ``tensorboard``
    also writes TensorBoard event files to ``run/tensorboard``. ``distribute`` trains data-parallel (see
    :func:`genlab.training.distribution.data_parallel`). ``overwrite=True`` starts over in a run folder that already
    holds a run, replacing it once the new run's data and model are ready.
    """
    with training_run(run, resume, overwrite, distribute, report) as (checkpoint, placement, report):
        if resume:
            model, state = resume_run(checkpoint, VAE, "VAE", RECORDS["vae"], report,
                                      ignored={"latent_dim": latent_dim, "preset": preset, **overrides})
        else:
            refuse_existing(checkpoint, "vae", overwrite)
            preset = preset or DEFAULT_PRESET
            settings = resolve_settings(preset, {"latent_dim": latent_dim, **overrides})
            state = {"preset": preset, "data": describe_data(data), "image_size": image_size, "channels": channels,
                     "test_fraction": test_fraction, "settings": settings,
                     "seed": resolve_seed(seed, announce=report), "history": [], "step": 0}
        placement.check_batch(state["settings"]["batch_size"])
        train_set, test_set = load_splits(state["data"], state["image_size"], state["channels"],
                                          state["test_fraction"])
        check_same_data(state, "data_sha256", np.ascontiguousarray(train_set.images).data,
                        f"the training images of {state['data']}")
        batches = training_batches(train_set.images, state["settings"]["batch_size"], state["seed"])
        if not resume:
            model = build_model(train_set.shape, state["settings"], state["seed"], batches.steps_per_pass)
        fit = training_fit(model, state, batches, test_set.images, checkpoint, report, tensorboard, placement,
                           overwrite)
        report(f"VAE ({state['preset']}), latent dimension {model.latent_dim}, {model.count_params():,} parameters · "
               f"{train_set.name}: {len(train_set):,} training / {len(test_set):,} held-out images of "
               f"{'×'.join(map(str, train_set.shape))} · an epoch is {counted(fit.steps_per_epoch, 'step')} of "
               f"{state['settings']['batch_size']} · {placement.describe()}")
        if epochs is None and minutes is None:
            epochs = state["settings"]["epochs"]
        fit.run(epochs=epochs, minutes=minutes)
    return state


def training_batches(images, batch_size, seed):
    """The run's batches by global step; an epoch is one pass over the training images."""
    batches = ShuffledBatches(images, batch_size, seed)
    if batches.steps_per_pass == 0:
        raise GenlabError(f"only {len(images)} training images, fewer than one batch of {batch_size}; "
                          "lower --batch-size")
    return batches


def build_model(image_shape, settings, seed, steps_per_epoch):
    """A compiled, built VAE (optimizer variables included, so that every checkpoint can be resumed)."""
    model = VAE(image_shape, settings["latent_dim"], settings["loss"], settings["precision"], seed)
    model.compile(optimizer=make_optimizer(settings["optimizer"], learning_rate(settings, steps_per_epoch),
                                           precision=settings["precision"]))
    model(np.zeros((1, *image_shape), "float32"))
    model.optimizer.build(model.trainable_variables)
    return model


def learning_rate(settings, steps_per_epoch):
    """The preset's rate, dropping tenfold after ``drop_lr_after`` epochs (a schedule saved with the optimizer)."""
    rate, drop_after = settings["learning_rate"], settings["drop_lr_after"]
    if not drop_after:
        return rate
    return keras.optimizers.schedules.PiecewiseConstantDecay([drop_after * steps_per_epoch], [rate, rate * LR_DROP])


def training_fit(model, state, batches, test_images, checkpoint, report=print, tensorboard=False,
                 placement=Placement(), overwrite=False):
    """The ResumableFit of a run: ``batches`` by global step, the held-out −ELBO and the latent grid after every
    epoch."""
    pictures = [LatentGrid(run_file(checkpoint, LATENT_GRIDS))] if model.latent_dim >= 2 else []
    return ResumableFit(model, placement.shard(batches), batches.steps_per_pass, checkpoint, state,
                        validation=placement.evaluation(test_images, EVALUATION_BATCH),
                        callbacks=[ElboReport(batches.steps_per_pass, report), *pictures], report=report,
                        tensorboard=tensorboard, overwrite=overwrite)

