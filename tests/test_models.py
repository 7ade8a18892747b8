import numpy as np
import pytest

from genlab.text.models import CharRNN, TransformerLM
from genlab.text.tokenizers import CharTokenizer
from genlab.training.checkpoint import load_checkpoint, save_checkpoint

TOKENIZER = CharTokenizer.fit("abcdefgh ")
MODELS = {
    "book lstm": lambda: CharRNN(TOKENIZER, units=16),
    "stacked gru": lambda: CharRNN(TOKENIZER, units=8, layers=2, cell="gru", embedding_dim=4, predict="all"),
    "transformer": lambda: TransformerLM(TOKENIZER, context=12, embed_dim=16, heads=2, ff_dim=32, blocks=2),
}
TOKENS = np.array([[1, 4, 2, 7, 0, 3, 5, 8, 6]], dtype="int32")


def step_through(model, tokens):
    state = model.initial_state(tokens.shape[0])
    logits = []
    for position in range(tokens.shape[1]):
        step_logits, state = model.step(tokens[:, position], state, position)
        logits.append(np.asarray(step_logits))
    return np.stack(logits, axis=1)


@pytest.mark.parametrize("name", MODELS)
def test_incremental_steps_give_the_same_logits_as_the_full_pass(name):
    model = MODELS[name]()
    full = np.asarray(model(TOKENS))
    stepped = step_through(model, TOKENS)
    if full.ndim == 2:
        stepped = stepped[:, -1]
    np.testing.assert_allclose(stepped, full, atol=1e-4)


def test_the_transformer_is_causal():
    model = MODELS["transformer"]()
    changed = TOKENS.copy()
    changed[0, 5:] = 2
    before, after = np.asarray(model(TOKENS)), np.asarray(model(changed))
    np.testing.assert_allclose(before[:, :5], after[:, :5], atol=1e-5)
    assert not np.allclose(before[:, 5:], after[:, 5:])


@pytest.mark.parametrize("name", MODELS)
def test_a_checkpoint_restores_model_tokenizer_and_state(tmp_path, name):
    model = MODELS[name]()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    expected = np.asarray(model(TOKENS))
    model.optimizer.build(model.trainable_variables)
    save_checkpoint(model, tmp_path / "m.keras", {"step": 3})
    loaded, state = load_checkpoint(tmp_path / "m.keras")
    assert state == {"step": 3}
    assert type(loaded) is type(model) and loaded.tokenizer.symbols == TOKENIZER.symbols
    np.testing.assert_allclose(np.asarray(loaded(TOKENS)), expected, atol=1e-6)


@pytest.mark.parametrize("name", MODELS)
def test_keras_predict_still_works(name):
    model = MODELS[name]()
    np.testing.assert_allclose(model.predict(TOKENS, verbose=0), np.asarray(model(TOKENS)), atol=1e-5)


def test_a_checkpoint_is_an_ordinary_readable_file_and_unwritable_places_are_one_line_errors(tmp_path):
    from genlab.errors import GenlabError

    model = MODELS["book lstm"]()
    model(TOKENS)
    save_checkpoint(model, tmp_path / "m.keras", {})
    assert (tmp_path / "m.keras").stat().st_mode & 0o044 == 0o044
    assert [p.name for p in tmp_path.iterdir()] == ["m.keras"]
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(GenlabError, match="cannot write the checkpoint"):
        save_checkpoint(model, tmp_path / "file" / "m.keras", {})
