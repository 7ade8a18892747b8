"""What a diffusion run keeps in its checkpoint, as a schema (see ``genlab.training.record``)."""

from genlab.diffusion.samplers import SAMPLERS
from genlab.diffusion.unet import CONDITIONS
from genlab.training.record import COMMON, NONE, NUMBER, Integer, ListOf, MayLack, OneOf

RECORD = {
    **COMMON, "preset": str, "grid_size": Integer(1), "classes": Integer(0), "data_sha256": MayLack(str),
    "settings": {"widths": ListOf(Integer(1)), "block_depth": Integer(1), "batch_size": Integer(1), "steps": Integer(0),
                 "steps_per_epoch": Integer(1), "learning_rate": NUMBER, "weight_decay": NUMBER, "average": NUMBER,
                 "label_dropout": NUMBER, "sampler": OneOf(*SAMPLERS), "sampling_steps": Integer(1), "precision": str,
                 "condition": OneOf(*CONDITIONS), "standardise": MayLack(bool)},
    "data": {"data": str, "cifar10": (str, NONE), "class_name": (str, NONE), "image_size": (int, NONE),
             "channels": (int, NONE), "labels": bool},
}
