"""What a language-model run keeps in its checkpoint, as a schema (see ``genlab.training.record``)."""

from genlab.training.record import COMMON, NONE, NUMBER, Integer, ListOf, MapOf, MayLack, OneOf

RECORD = {
    **COMMON, "kind": OneOf("char", "word"), "preset": str, "corpus": str, "val_fraction": NUMBER,
    "prompt": (str, NONE), "corpus_sha256": MayLack(str),
    "settings": {
        "architecture": OneOf("rnn", "transformer"), "precision": str, "model": MapOf((int, float, str)),
        "context": Integer(1), "stride": Integer(1), "batch_size": Integer(1), "optimizer": str,
        "learning_rate": NUMBER, "clipnorm": (int, float, NONE), "warmup_steps": MayLack(Integer(0)),
        "steps_per_epoch": Integer(1), "epochs": Integer(1),
        "sample_length": Integer(1), "temperatures": ListOf(NUMBER), "vocab_size": MayLack(Integer(1)),
    },
}
