"""Fast style transfer: train a feed-forward network for one style, then stylise any photo in one pass.

The trainer is a Keras model whose weights are the transformation network's; its ``compute_loss`` is the
perceptual loss through a frozen VGG16 that is deliberately not tracked, so checkpoints hold only the small
network and its optimizer state. A run is a folder, like every trainer's: its ``model.keras`` is the
checkpoint, and also the model file that ``apply`` uses.
"""

from pathlib import Path

import keras
import numpy as np

from genlab.backbones import load_backbone
from genlab.errors import GenlabError
from genlab.images import load_image, resize_to_height
from genlab.precision import resolve_precision
from genlab.style.fast_data import RandomCrops, training_photos
from genlab.style.perceptual import LOSSES, perceptual_loss
from genlab.style.temporal import inconsistency
from genlab.style.transform_net import TransformNet
from genlab.training.loop import ResumableFit
from genlab.training.seeding import resolve_seed
from genlab.training.distribution import Distribute
from genlab.training.optimizers import make_optimizer
from genlab.training.records import RECORDS
from genlab.training.runs import load_trained, refuse_existing, resume_run, training_run
from genlab.types import PathLike, Report

@keras.saving.register_keras_serializable(package="genlab")
class FastStyleTrainer(keras.Model):
    def __init__(self, width=32, residual_blocks=5, upsampling="bilinear", **kwargs):
        super().__init__(**kwargs)
        self.net = TransformNet(width, residual_blocks, upsampling, name="transform_net")
        self.perceptual = None  # a loss of genlab.style.perceptual, attached after building or loading
        self.temporal_weight = 0.0

    def call(self, images):
        return self.net(images)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The perceptual loss, plus, with a temporal weight, the inconsistency under the small motions ``y``."""
        loss = self.perceptual(x, y_pred)
        if self.temporal_weight:
            loss = loss + self.temporal_weight * inconsistency(self.net, x, y_pred, y)
        return loss

    def get_config(self):
        return {"name": self.name, "width": self.net.width, "residual_blocks": self.net.residual_blocks,
                "upsampling": self.net.upsampling}

    @classmethod
    def from_config(cls, config):
        # Networks saved before the upsampling became a setting were built with nearest-neighbour resizing.
        return cls(**{"upsampling": "nearest", **config})


#: Below this many training steps ``load_fast`` notes that the network is young: trained on the book's loss, a
#: network paints the style's texture, not only its colours, by about step 100 (ten minutes on two cores).
FEW_STEPS = 100


def train_fast(style: PathLike, run: PathLike = "runs/fast-style", data: PathLike | None = None, steps: int = 2000,
               minutes: float | None = None, crop: int = 192, batch_size: int = 4, width: int = 32,
               residual_blocks: int = 5, upsampling: str = "bilinear", learning_rate: float = 1e-3, loss: str = "book",
               content_weight: float | None = None, style_weight: float | None = None, tv_weight: float | None = None,
               temporal_weight: float | None = None,
               style_size: int = 512, precision: str = "auto", steps_per_epoch: int = 100, resume: bool = False,
               overwrite: bool = False, seed: int | None = None, tensorboard: bool = False,
               distribute: Distribute | bool | None = None, report: Report = print) -> dict:
    """Train a network that paints photos in the style of the image file ``style``; return the run's record.

    ``data`` is a folder of training photos (default: the photos bundled with installed packages), cut into
    random ``crop``-pixel squares, ``batch_size`` a step. The run folder ``run`` holds ``model.keras``, the
    network and its checkpoint, written every ``steps_per_epoch`` steps, with ``history.csv`` and
    ``curves.png`` (and TensorBoard event files in ``tensorboard/`` with ``tensorboard``). Training stops
    after ``steps`` steps in total or ``minutes`` of wall-clock time in this call, and continues exactly with
    ``resume=True``; ``overwrite=True`` starts over in a run folder that already holds a run, replacing it
    once the new run's data and network are ready. ``width`` (16: the mobile network), ``residual_blocks`` and
    ``upsampling`` (``bilinear`` or ``nearest``) shape the network. ``loss`` (``book`` or ``johnson``, see
    :mod:`genlab.style.perceptual`) weighs content, style (the style image resized to ``style_size`` pixels
    high) and total variation, by its own weights unless given; ``temporal_weight`` above 0 adds the
    inconsistency of :mod:`genlab.style.temporal`, for networks that stylise video without flicker (default 0;
    given on resuming, it changes from that step on: a trained network can be fine-tuned for video).
    ``precision`` is VGG16's arithmetic: ``float32``, ``mixed_bfloat16``, ``mixed_float16`` (with loss scaling,
    for GPUs without fast bfloat16) or ``auto`` (bfloat16 where the CPU has AMX/AVX512-BF16).
    ``distribute`` trains data-parallel (see :func:`genlab.training.distribution.data_parallel`). Use the
    network with :func:`apply_fast`.
    """
    if crop < 16 or crop % 4 or batch_size < 1 or steps < 1 or steps_per_epoch < 1:
        raise GenlabError("crop must be a multiple of 4 of at least 16; batch size and steps at least 1")
    if loss not in LOSSES:
        raise GenlabError(f"unknown loss {loss!r}; choose {' or '.join(LOSSES)}")
    weights = [content_weight, style_weight, tv_weight]
    weights = [default if weight is None else weight for weight, default in zip(weights, LOSSES[loss][1])]
    with training_run(run, resume, overwrite, distribute, report) as (checkpoint, placement, report):
        if resume:
            trainer, state = resume_run(checkpoint, FastStyleTrainer, "fast style", RECORDS["style"], report)
            if temporal_weight is not None and temporal_weight != state.get("temporal_weight", 0.0):
                report(f"temporal weight {state.get('temporal_weight', 0.0):g} → {temporal_weight:g} from step "
                       f"{state['step']:,} on")
                state["temporal_weight"] = temporal_weight
        else:
            refuse_existing(checkpoint, "style", overwrite)
            state = {"style": str(Path(style).resolve()),
                     "images": None if data is None else str(Path(data).resolve()),
                     "crop": crop, "batch_size": batch_size, "loss": loss, "weights": weights,
                     "temporal_weight": temporal_weight or 0.0,
                     "style_size": style_size, "precision": resolve_precision(precision), "seed": resolve_seed(seed, report),
                     "history": [], "step": 0}
            trainer = build_trainer(width, residual_blocks, upsampling, learning_rate, state["precision"])
        placement.check_batch(state["batch_size"])
        style_image = resize_to_height(load_image(state["style"]), state["style_size"])
        network = load_backbone("vgg16", precision=state["precision"])
        trainer.perceptual = perceptual_loss(state.get("loss", "johnson"), network, style_image, state["weights"])
        trainer.temporal_weight = state.get("temporal_weight", 0.0)
        crops = RandomCrops(training_photos(state["images"]), state["crop"], state["batch_size"], state["seed"])
        report(f"fast style network, {trainer.net.count_params():,} parameters · {len(crops.paths)} training "
               f"photos, {state['crop']}-px crops, batch {state['batch_size']} · {placement.describe()}")
        fit = ResumableFit(trainer, placement.shard(crops), steps_per_epoch, checkpoint, state, report=report,
                           tensorboard=tensorboard, overwrite=overwrite)
        fit.run(steps=steps, minutes=minutes)
    return state


def build_trainer(width=32, residual_blocks=5, upsampling="bilinear", learning_rate=1e-3, precision="float32"):
    """A compiled, built trainer (optimizer variables included, so that every checkpoint can be resumed)."""
    trainer = FastStyleTrainer(width, residual_blocks, upsampling)
    trainer.compile(optimizer=make_optimizer("adam", learning_rate, precision=precision))
    trainer(np.zeros((1, 16, 16, 3), "float32"))
    trainer.optimizer.build(trainer.trainable_variables)
    return trainer


def load_fast(source: TransformNet | FastStyleTrainer | PathLike, report: Report = print) -> TransformNet:
    """The transformation network saved by :func:`train_fast` in the run folder (or its ``model.keras``)
    ``source``; a network (or its trainer) already loaded is returned as it is (the trainer's network). A
    saved network that has trained for fewer than ``FEW_STEPS`` steps is loaded with a note to ``report``."""
    if isinstance(source, TransformNet):
        return source
    trainer, state = load_trained(source, FastStyleTrainer, "fast style network", RECORDS["style"])
    if state is not None and state["step"] < FEW_STEPS:
        report(f"note: {source} has trained for only {state['step']:,} steps, and a network paints little more than "
               f"the style's colours before about {FEW_STEPS:,}: train it on with `genlab style train-fast STYLE "
               f"--run RUN --resume` (resume=True)")
    return trainer.net


def apply_fast(network: TransformNet | FastStyleTrainer | PathLike, image: np.ndarray,
               report: Report = print) -> np.ndarray:
    """``image`` (RGB, 0..255, any size) stylised in a single pass by a network from :func:`train_fast`: the
    network, or its run folder or ``.keras`` file (load it once with :func:`load_fast` to stylise many
    photos; ``report`` is :func:`load_fast`'s)."""
    net = load_fast(network, report)
    height, width = image.shape[:2]
    padded = np.pad(image, ((0, -height % 4), (0, -width % 4), (0, 0)), mode="reflect")
    return np.clip(np.asarray(net.predict_on_batch(padded[None]))[0, :height, :width], 0, 255)
