"""What each technique's run keeps in its checkpoint: one schema per technique (see ``genlab.training.record``).

They live here, not in the techniques' packages, because those import Keras (seconds), and listing runs, showing
one and building the studio's page read and check run records without it.
"""

from genlab.choices import CONDITIONS, SAMPLERS
from genlab.training.record import COMMON, NONE, NUMBER, Integer, ListOf, MapOf, MayLack, OneOf

#: Where a GAN or diffusion run's images came from.
IMAGE_DATA = {"data": str, "cifar10": (str, NONE), "class_name": (str, NONE), "image_size": (int, NONE),
              "channels": (int, NONE)}

RECORDS = {
    "vae": {
        **COMMON, "preset": str, "data": str, "image_size": (int, NONE), "channels": (int, NONE),
        "test_fraction": NUMBER, "data_sha256": MayLack(str),
        "settings": {"latent_dim": Integer(1), "loss": str, "optimizer": str, "learning_rate": NUMBER,
                     "batch_size": Integer(1), "epochs": Integer(1), "drop_lr_after": Integer(0), "precision": str},
    },
    "gan": {
        **COMMON, "preset": str, "grid_size": Integer(1), "data_sha256": MayLack(str),
        "settings": {"architecture": str, "latent_dim": Integer(1), "batch_size": Integer(1), "steps": Integer(0),
                     "steps_per_epoch": Integer(1), "d_learning_rate": NUMBER, "g_learning_rate": NUMBER,
                     "clipvalue": (int, float, NONE), "dropout": NUMBER, "label_noise": NUMBER, "average": NUMBER,
                     "precision": MayLack(str)},
        "data": IMAGE_DATA,
    },
    "diffusion": {
        **COMMON, "preset": str, "grid_size": Integer(1), "classes": Integer(0), "data_sha256": MayLack(str),
        "settings": {"widths": ListOf(Integer(1)), "block_depth": Integer(1), "batch_size": Integer(1),
                     "steps": Integer(0), "steps_per_epoch": Integer(1), "learning_rate": NUMBER,
                     "weight_decay": NUMBER, "average": NUMBER, "label_dropout": NUMBER, "sampler": OneOf(*SAMPLERS),
                     "sampling_steps": Integer(1), "precision": str, "condition": OneOf(*CONDITIONS),
                     "standardise": MayLack(bool)},
        "data": {**IMAGE_DATA, "labels": bool},
    },
    "text": {
        **COMMON, "kind": OneOf("char", "word"), "preset": str, "corpus": str, "val_fraction": NUMBER,
        "prompt": (str, NONE), "corpus_sha256": MayLack(str),
        "settings": {
            "architecture": OneOf("rnn", "transformer"), "precision": str, "model": MapOf((int, float, str)),
            "context": Integer(1), "stride": Integer(1), "batch_size": Integer(1), "optimizer": str,
            "learning_rate": NUMBER, "clipnorm": (int, float, NONE), "warmup_steps": MayLack(Integer(0)),
            "steps_per_epoch": Integer(1), "epochs": Integer(1),
            "sample_length": Integer(1), "temperatures": ListOf(NUMBER), "vocab_size": MayLack(Integer(1)),
        },
    },
    "style": {  # a fast style network
        **COMMON, "style": str, "images": (str, NONE), "crop": Integer(16), "batch_size": Integer(1),
        "weights": ListOf(NUMBER, length=3), "style_size": Integer(1),
        "loss": MayLack(OneOf("book", "johnson")), "temporal_weight": MayLack(NUMBER),
        "precision": OneOf("float32", "mixed_bfloat16", "mixed_float16"),
    },
}
