"""What a VAE run keeps in its checkpoint, as a schema (see ``genlab.training.record``)."""

from genlab.training.record import COMMON, NONE, NUMBER, Integer, MayLack

RECORD = {
    **COMMON, "preset": str, "data": str, "image_size": (int, NONE), "channels": (int, NONE),
    "test_fraction": NUMBER, "data_sha256": MayLack(str),
    "settings": {"latent_dim": Integer(1), "loss": str, "optimizer": str, "learning_rate": NUMBER,
                 "batch_size": Integer(1), "epochs": Integer(1), "drop_lr_after": Integer(0), "precision": str},
}
