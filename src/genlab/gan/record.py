"""What a DCGAN run keeps in its checkpoint, as a schema (see ``genlab.training.record``)."""

from genlab.training.record import COMMON, NONE, NUMBER, Integer, MayLack

RECORD = {
    **COMMON, "preset": str, "grid_size": Integer(1), "data_sha256": MayLack(str),
    "settings": {"architecture": str, "latent_dim": Integer(1), "batch_size": Integer(1), "steps": Integer(0),
                 "steps_per_epoch": Integer(1), "d_learning_rate": NUMBER, "g_learning_rate": NUMBER,
                 "clipvalue": (int, float, NONE), "dropout": NUMBER, "label_noise": NUMBER, "average": NUMBER,
                 "precision": MayLack(str)},
    "data": {"data": str, "cifar10": (str, NONE), "class_name": (str, NONE), "image_size": (int, NONE),
             "channels": (int, NONE)},
}
