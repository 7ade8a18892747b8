import keras
import numpy as np
import pytest

from genlab.text.presets import PRESETS, RESIZED_CLIPNORM, RESIZED_WARMUP_STEPS, resolve_settings
from genlab.training.optimizers import make_optimizer


def test_the_book_preset_at_its_own_size_is_the_books():
    settings = resolve_settings("char", "book", {})
    book = PRESETS["char"]["book"]
    assert (settings["learning_rate"], settings["clipnorm"], settings["warmup_steps"]) == (
        book["learning_rate"], None, 0)


def test_a_wider_book_model_gets_a_smaller_rate_clipping_and_a_warm_up_and_says_so():
    heard = []
    settings = resolve_settings("char", "book", {"units": 512, "layers": 2, "cell": "gru"}, heard.append)
    assert settings["learning_rate"] == pytest.approx(0.01 * 128 / 512)
    assert settings["clipnorm"] == RESIZED_CLIPNORM
    assert settings["warmup_steps"] == RESIZED_WARMUP_STEPS
    assert len(heard) == 1 and "0.0025" in heard[0] and "warm-up" in heard[0]


def test_what_the_user_sets_is_kept_and_a_narrower_model_keeps_the_rate():
    settings = resolve_settings("char", "book", {"units": 512, "learning_rate": 0.02, "clipnorm": 5.0,
                                                 "warmup_steps": 0})
    assert (settings["learning_rate"], settings["clipnorm"], settings["warmup_steps"]) == (0.02, 5.0, 0)
    narrower = resolve_settings("char", "book", {"units": 64})
    assert narrower["learning_rate"] == PRESETS["char"]["book"]["learning_rate"]
    assert narrower["warmup_steps"] == RESIZED_WARMUP_STEPS


def test_a_warm_up_raises_the_rate_from_zero_and_then_holds_it():
    optimizer = make_optimizer("rmsprop", 0.01, warmup_steps=100)
    schedule = optimizer.learning_rate if callable(optimizer.learning_rate) else optimizer._learning_rate
    rates = [float(keras.ops.convert_to_numpy(schedule(step))) for step in (0, 50, 100, 5000)]
    np.testing.assert_allclose(rates, [0.0, 0.005, 0.01, 0.01], atol=1e-7)
