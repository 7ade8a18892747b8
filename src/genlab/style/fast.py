"""Fast style transfer: train a feed-forward network for one style, then stylise any photo in one pass.

The trainer is a Keras model whose weights are the transformation network's; its ``compute_loss`` is the
perceptual loss through a frozen VGG16 that is deliberately not tracked, so checkpoints hold only the small
network and its optimizer state. A checkpoint is also the model file that ``apply`` uses.
"""

from pathlib import Path

import keras
import numpy as np
from keras import ops

from genlab.backbones import load_backbone
from genlab.errors import GenlabError
from genlab.images import load_image, resize_to_height
from genlab.precision import resolve_precision
from genlab.style.fast_data import RandomCrops, training_photos
from genlab.style.perceptual import PerceptualLoss
from genlab.style.transform_net import TransformNet
from genlab.training import ResumableFit, resolve_seed
from genlab.training.distribution import data_parallel
from genlab.training.lock import run_lock
from genlab.training.optimizers import make_optimizer
from genlab.training.record import COMMON, NONE, NUMBER, Integer, ListOf, OneOf
from genlab.training.runs import load_trained, resume_run, saved

#: What a fast style network keeps in its file (see ``genlab.training.record``).
RECORD = {
    **COMMON, "style": str, "images": (str, NONE), "crop": Integer(16), "batch_size": Integer(1),
    "weights": ListOf(NUMBER, length=3), "style_size": Integer(1), "precision": OneOf("float32", "mixed_bfloat16", "mixed_float16"),
}


@keras.saving.register_keras_serializable(package="genlab")
class FastStyleTrainer(keras.Model):
    def __init__(self, width=32, residual_blocks=5, upsampling="bilinear", **kwargs):
        super().__init__(**kwargs)
        self.net = TransformNet(width, residual_blocks, upsampling, name="transform_net")
        self.perceptual = None  # a PerceptualLoss, attached after building or loading

    def call(self, images):
        return self.net(images)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        return self.perceptual(x, y_pred)

    def get_config(self):
        return {"name": self.name, "width": self.net.width, "residual_blocks": self.net.residual_blocks,
                "upsampling": self.net.upsampling}

    @classmethod
    def from_config(cls, config):
        # Networks saved before the upsampling became a setting were built with nearest-neighbour resizing.
        return cls(**{"upsampling": "nearest", **config})


def train_fast(style, output, images=None, steps=2000, minutes=None, crop=256, batch_size=4, width=32,
               residual_blocks=5, upsampling="bilinear", learning_rate=1e-3, style_weight=5.0, content_weight=1.0,
               tv_weight=0.01, style_size=512, precision="auto", steps_per_epoch=100, resume=False,
               seed=None, report=print, distribute=None):
    """Train a network that paints photos in the style of the image ``style``; save it to ``output``.

    ``images`` is a folder of training photos (default: the photos bundled with installed packages). The
    run checkpoints into ``output`` every ``steps_per_epoch`` steps and resumes exactly with ``resume``.
    ``distribute`` trains data-parallel (see :func:`genlab.training.distribution.data_parallel`).
    """
    output = Path(output)
    if crop < 16 or crop % 4 or batch_size < 1 or steps < 1 or steps_per_epoch < 1:
        raise GenlabError("crop must be a multiple of 4 of at least 16; batch size and steps at least 1")
    with data_parallel(distribute) as placement, placement.lock(run_lock(output)):
        report = placement.report(report)
        if resume:
            trainer, state = resume_run(output, FastStyleTrainer, "fast style", RECORD, report)
        else:
            if output.exists():
                raise GenlabError(f"{output} exists: pass --resume to continue training it, or choose another file")
            state = {"style": str(Path(style).resolve()),
                     "images": None if images is None else str(Path(images).resolve()),
                     "crop": crop, "batch_size": batch_size, "weights": [content_weight, style_weight, tv_weight],
                     "style_size": style_size, "precision": resolve_precision(precision), "seed": resolve_seed(seed, report),
                     "history": [], "step": 0}
            trainer = build_trainer(width, residual_blocks, upsampling, learning_rate, state["precision"])
        placement.check_batch(state["batch_size"])
        style_image = resize_to_height(load_image(state["style"]), state["style_size"])
        network = load_backbone("vgg16", precision=state["precision"])
        trainer.perceptual = PerceptualLoss(network, style_image, *state["weights"])
        crops = RandomCrops(training_photos(state["images"]), state["crop"], state["batch_size"], state["seed"])
        report(f"fast style network, {trainer.net.count_params():,} parameters · {len(crops.paths)} training "
               f"photos, {state['crop']}-px crops, batch {state['batch_size']} · {placement.describe()}")
        fit = ResumableFit(trainer, placement.shard(crops), steps_per_epoch, output, state, report=report)
        fit.run(epochs=-(-steps // steps_per_epoch), minutes=minutes)
    report(saved(output))
    return state


def build_trainer(width=32, residual_blocks=5, upsampling="bilinear", learning_rate=1e-3, precision="float32"):
    """A compiled, built trainer (optimizer variables included, so that every checkpoint can be resumed)."""
    trainer = FastStyleTrainer(width, residual_blocks, upsampling)
    trainer.compile(optimizer=make_optimizer("adam", learning_rate, precision=precision))
    trainer(np.zeros((1, 16, 16, 3), "float32"))
    trainer.optimizer.build(trainer.trainable_variables)
    return trainer


def load_fast(path):
    """The transformation network saved by :func:`train_fast`."""
    return load_trained(path, FastStyleTrainer, "fast style network", RECORD)[0].net


def apply_fast(net, image):
    """Stylise one RGB 0..255 image of any size in a single pass (edges padded to a multiple of 4)."""
    height, width = image.shape[:2]
    padded = np.pad(image, ((0, -height % 4), (0, -width % 4), (0, 0)), mode="reflect")
    return np.clip(np.asarray(net.predict_on_batch(padded[None]))[0, :height, :width], 0, 255)
