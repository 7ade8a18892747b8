"""Train a character- or word-level language model on a corpus, resumably.

A run lives in one folder: ``model.keras`` (the latest checkpoint: model, tokenizer, optimizer state and
the run's record) and ``samples.txt`` (the text printed after every epoch).
"""

import math
from pathlib import Path

import keras
import numpy as np

from genlab.precision import dtype_policy
from genlab.text.batches import WindowBatches, held_out_windows
from genlab.text.callbacks import LanguageMetrics, TextSamples, language_figures
from genlab.text.corpus import NAMED, load_corpus, split_validation
from genlab.text.models import CharRNN, TransformerLM
from genlab.text.presets import resolve_settings
from genlab.text.tokenizers import CharTokenizer, WordTokenizer
from genlab.training.loop import ResumableFit
from genlab.training.records import RECORDS
from genlab.training.seeding import resolve_seed
from genlab.training.callbacks import DivergenceGuard
from genlab.training.distribution import Distribute
from genlab.training.optimizers import make_optimizer
from genlab.training.progress import counted
from genlab.training.layout import TEXT_SAMPLES
from genlab.training.runs import check_same_data, refuse_existing, resume_run, training_run
from genlab.types import PathLike, Report

EVALUATION_BATCH = 32  # Keras' own batch for held-out arrays


def train(run: PathLike = "runs/text", corpus: PathLike | None = None, kind: str = "char", preset: str | None = None,
          epochs: int | None = None, minutes: float | None = None, resume: bool = False, overwrite: bool = False,
          seed: int | None = None, val_fraction: float = 0.1, prompt: str | None = None, tensorboard: bool = False,
          distribute: Distribute | bool | None = None, report: Report = print, **overrides) -> dict:
    """Train (or, with ``resume=True``, continue) a language model; return the run's record.

    ``kind`` is ``char`` or ``word`` (the tokens); ``preset`` names the settings (``book``, or ``cpu`` for
    characters), which include the architecture; keyword ``overrides`` change single settings
    (``architecture="transformer"``, ``units=512``, ``batch_size=32`` …).
    Training stops after ``epochs`` epochs in total or ``minutes`` of wall-clock time in this call,
    whichever comes first; it can be interrupted with Ctrl-C and resumed without losing finished steps.
    ``overwrite=True`` starts over in a run folder that already holds a run, replacing it once the new run's data and
    model are ready.
    ``tensorboard`` also writes TensorBoard event files to ``run/tensorboard``. ``distribute`` trains
    data-parallel (see :func:`genlab.training.distribution.data_parallel`).
    """
    with training_run(run, resume, overwrite, distribute, report) as (checkpoint, placement, report):
        if resume:
            model, state = resume_run(checkpoint, (CharRNN, TransformerLM), "text", RECORDS["text"], report,
                                      ignored={"preset": preset, **overrides})
            if corpus not in (None, state["corpus"]):
                report(f"resuming on the run's own corpus {state['corpus']} (ignoring {corpus})")
        else:
            refuse_existing(checkpoint, "text", overwrite)
            preset = preset or "book"
            corpus = corpus or "shakespeare"
            corpus = corpus if corpus in NAMED else str(Path(corpus).resolve())
            settings = resolve_settings(kind, preset, overrides, report)
            seed = resolve_seed(seed, announce=report)
            state = {"kind": kind, "preset": preset, "corpus": str(corpus), "settings": settings, "seed": seed,
                     "val_fraction": val_fraction, "prompt": prompt, "history": [], "step": 0}
        settings = state["settings"]
        placement.check_batch(settings["batch_size"])
        text = load_corpus(state["corpus"])
        train_text, held_out_text = split_validation(text, state["val_fraction"])
        check_same_data(state, "corpus_sha256", text.encode("utf-8"), f"the corpus {state['corpus']}")
        tokenizer = model.tokenizer if resume else fit_tokenizer(state["kind"], settings, train_text, text)
        if state["prompt"]:
            tokenizer.encode_prompt(state["prompt"])  # refused now, not after the first epoch
        train_ids = tokenizer.encode(train_text)
        held_out_ids = tokenizer.encode(held_out_text)
        predict = settings["model"].get("predict", "all")
        batches = WindowBatches(train_ids, settings["context"], settings["batch_size"], state["seed"],
                                settings["stride"], predict)
        validation = placement.evaluation(held_out_windows(held_out_ids, settings["context"], predict),
                                          EVALUATION_BATCH) if state["val_fraction"] else None
        if not resume:
            model = build_model(tokenizer, settings)
        report(f"{state['kind']} model ({state['preset']}), {model.count_params():,} parameters · corpus "
               f"{state['corpus']}: {len(train_ids):,} training / {len(held_out_ids):,} held-out tokens, "
               f"vocabulary {model.vocab_size:,} · an epoch is {counted(settings['steps_per_epoch'], 'step')} of "
               f"{settings['batch_size']} (a full pass is {batches.steps_per_pass:,} steps) · {placement.describe()}")
        fit = ResumableFit(
            model, placement.shard(batches), settings["steps_per_epoch"], checkpoint, state,
            validation=validation,
            callbacks=[
                LanguageMetrics(state["kind"], report),
                TextSamples(held_out_ids if len(held_out_ids) else train_ids,
                            settings["context"] if state["kind"] == "char" else 8, settings["sample_length"],
                            settings["temperatures"], checkpoint.parent / TEXT_SAMPLES, state["seed"], prompt=state["prompt"],
                            report=report),
            ],
            show=language_figures(state["kind"]),
            guard=DivergenceGuard(ceiling=1.5 * math.log(model.vocab_size),
                                  advice="lower --learning-rate or set --clipnorm"),
            report=report,
            tensorboard=tensorboard,
            overwrite=overwrite,
        )
        if epochs is None and minutes is None:
            epochs = settings["epochs"]
        fit.run(epochs=epochs, minutes=minutes)
    return state


def fit_tokenizer(kind, settings, train_text, text):
    """Characters: every character of the corpus; words: the ``vocab_size`` most frequent training words."""
    if kind == "char":
        return CharTokenizer.fit(text)
    return WordTokenizer.fit(train_text, settings["vocab_size"])


def build_model(tokenizer, settings):
    """A compiled, built model (optimizer variables included, so that every checkpoint can be resumed)."""
    architecture = {"rnn": CharRNN, "transformer": TransformerLM}[settings["architecture"]]
    with dtype_policy(settings["precision"]):
        model = architecture(tokenizer, **settings["model"])
    model.compile(
        optimizer=make_optimizer(settings["optimizer"], settings["learning_rate"], clipnorm=settings["clipnorm"],
                                 warmup_steps=settings.get("warmup_steps", 0), precision=settings["precision"]),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    model(np.zeros((1, 2), "int32"))
    model.optimizer.build(model.trainable_variables)
    return model

