"""``export``: a run's deployable network, written by Keras' own ``model.export`` as a TensorFlow SavedModel,
a TFLite (LiteRT) flatbuffer through TensorFlow's converter, or ONNX.

What is exported is the network a user deploys: a GAN's generator (the averaged one, which makes genlab's
samples: latent vectors → images in [−1, 1]), a VAE's decoder (latent points → pixel logits; a sigmoid makes
the image), a language model (token ids → next-token logits at every position), a fast style network (RGB
images in [0, 255] of any size → stylised RGB). The batch dimension, and an image's or a text's length where
the network allows it, stay free.
"""

import shutil
import tempfile
import warnings
from pathlib import Path

import keras

from genlab.backend import export_missing
from genlab.errors import GenlabError, first_line
from genlab.precision import in_float32
from genlab.runs.run import open_run
from genlab.training.checkpoint import load_checkpoint
from genlab.training.layout import run_file

#: genlab's format names → (Keras' name for it, the suffix its file must have; a SavedModel is a folder).
FORMATS = {"savedmodel": ("tf_saved_model", ""), "tflite": ("litert", ".tflite"), "onnx": ("onnx", ".onnx")}
#: The extra of genlab that installs a package an export needs, where one does.
EXTRAS = {"tf2onnx": "genlab[export]", "onnx": "genlab[export]"}


def exported_network(model, technique):
    """(the network of a run's ``model`` that is exported, its input signature, what it is in words)."""
    if technique == "vae":
        return (model.decoder, [keras.InputSpec(shape=(None, model.latent_dim), dtype="float32")],
                "the decoder: latent points → pixel logits")
    if technique == "gan":
        return (model.averaged_generator, [keras.InputSpec(shape=(None, model.latent_dim), dtype="float32")],
                "the averaged generator: latent vectors → images in [−1, 1]")
    if technique == "diffusion":
        inputs = [keras.InputSpec(shape=(None, *model.image_shape), dtype="float32"),
                  keras.InputSpec(shape=(None, 1, 1, 1), dtype="float32")]
        labels = [keras.InputSpec(shape=(None,), dtype="int32")] if model.classes else []
        return (model.averaged_network, [inputs + labels],  # one argument: the list of inputs
                "the averaged U-Net: noisy images in [−1, 1], noise variances (and classes) → predicted noise")
    if technique == "text":
        return (model, [keras.InputSpec(shape=(None, None), dtype="int32")],
                "the language model: token ids → next-token logits")
    return (model.net, [keras.InputSpec(shape=(None, None, None, 3), dtype="float32")],
            "the fast style network: RGB in [0, 255] → stylised RGB")


def default_path(checkpoint: Path, format: str) -> Path:
    """``model.tflite`` or ``model.onnx`` beside the checkpoint (``painting.tflite`` for ``painting.keras``), or
    the run's ``savedmodel/`` folder."""
    suffix = FORMATS[format][1]
    return checkpoint.with_suffix(suffix) if suffix else run_file(checkpoint, "savedmodel")


def check_export(format: str, path=None):
    """Refuse, before anything is loaded, a format that is unknown or that this backend or the installed
    packages cannot write, and an output that exists or lacks the format's suffix."""
    if format not in FORMATS:
        raise GenlabError(f"unknown export format {format!r}: choose {', '.join(FORMATS)}")
    keras_format, suffix = FORMATS[format]
    missing = export_missing(keras_format)
    if missing is None:
        raise GenlabError(f"the {keras.backend.backend()} backend cannot export {format}; run the export with "
                          "KERAS_BACKEND=tensorflow")
    if missing:
        installs = sorted({EXTRAS.get(name, name) for name in missing})
        raise GenlabError(f"exporting {format} on the {keras.backend.backend()} backend needs "
                          f"{' and '.join(missing)}: pip install {' '.join(repr(i) for i in installs)}")
    if path is not None:
        path = Path(path)
        if path.exists():
            raise GenlabError(f"{path} exists: remove it or choose another -o")
        if suffix and path.suffix != suffix:
            raise GenlabError(f"a {format} export is one file whose name ends in {suffix}, not {path.name}")


def export(run, format: str, path=None, report=print) -> Path:
    """Export the network of the run ``run`` (its folder or ``.keras`` checkpoint) in ``format`` (``savedmodel``,
    ``tflite`` or ``onnx``) to ``path`` (default: see ``default_path``); return where it went.

    The export is written beside its destination and moved there whole, so a failure leaves nothing behind.
    ``report`` says what was exported.
    """
    check_export(format, path)
    opened = open_run(run)
    path = Path(path) if path is not None else default_path(opened.checkpoint, format)
    check_export(format, path)
    model, _ = load_checkpoint(opened.checkpoint)
    network, signature, description = exported_network(model, opened.technique)
    network = in_float32(network)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{path.name}-", dir=path.parent))
    try:
        with warnings.catch_warnings():  # the converters' deprecation chatter is not the user's business
            warnings.simplefilter("ignore")
            network.export(str(scratch / path.name), format=FORMATS[format][0], input_signature=signature,
                           verbose=False)
        (scratch / path.name).rename(path)
    except Exception as error:  # noqa: BLE001 — converters raise many types; the user gets one line
        raise GenlabError(f"cannot export {opened.path} as {format}: {first_line(error)}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report(f"wrote {path}: {description}")
    return path
