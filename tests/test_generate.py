import numpy as np
import pytest

from genlab.errors import GenlabError
from genlab.text.generate import generate, generate_ids, stream
from genlab.text.models import CharRNN, TransformerLM
from genlab.text.tokenizers import CharTokenizer

TOKENIZER = CharTokenizer.fit("abcdefgh ")


def seeds_loop(model, prompt_ids, length):
    """The book's way: re-run the whole window through the model for every new token (greedy here)."""
    ids = list(prompt_ids)
    for _ in range(length):
        logits = np.asarray(model(np.array([ids], dtype="int32")))
        ids.append(int(np.argmax(logits[0, -1] if logits.ndim == 3 else logits[0])))
    return ids[len(prompt_ids):]


@pytest.mark.parametrize("make", [
    lambda: CharRNN(TOKENIZER, units=16),
    lambda: TransformerLM(TOKENIZER, context=64, embed_dim=16, heads=2, ff_dim=32),
])
def test_greedy_incremental_generation_matches_rerunning_the_window(make):
    model = make()
    prompt = TOKENIZER.encode("abc ")
    ids = generate_ids(model, prompt, 20, temperatures=[0.0])
    assert list(ids[0]) == seeds_loop(model, prompt, 20)


def test_same_seed_same_text_and_one_sample_per_temperature():
    model = CharRNN(TOKENIZER, units=16)
    first = generate(model, "abc", 50, temperature=[0.2, 1.0, 1.5], seed=5)
    assert len(first) == 3 and all(text.startswith("abc") and len(text) == 53 for text in first)
    assert generate(model, "abc", 50, temperature=[0.2, 1.0, 1.5], seed=5) == first
    assert generate(model, "abc", 50, temperature=[0.2, 1.0, 1.5], seed=6) != first


def test_a_transformer_generates_past_its_context_window():
    model = TransformerLM(TOKENIZER, context=8, embed_dim=16, heads=2, ff_dim=32)
    texts = generate(model, "abcdefghabcdef", 30, temperature=[1.0, 0.0], seed=1)
    assert [len(text) for text in texts] == [44, 44]


@pytest.mark.parametrize("make, prompt", [
    (lambda: CharRNN(TOKENIZER, units=16), "abc"),
    (lambda: TransformerLM(TOKENIZER, context=8, embed_dim=16, heads=2, ff_dim=32), "abcdef"),  # restarts twice
])
def test_streamed_text_grows_piece_by_piece_into_the_generated_text(make, prompt):
    model = make()
    pieces = list(stream(model, prompt, 30, temperature=[1.0, 0.0], seed=2, every=4))
    assert [len(piece[0]) for piece in pieces] == [len(prompt) + n for n in (4, 8, 12, 16, 20, 24, 28, 30)]
    assert all(later[0].startswith(earlier[0]) and later[1].startswith(earlier[1])
               for earlier, later in zip(pieces, pieces[1:]))
    assert pieces[-1] == generate(model, prompt, 30, temperature=[1.0, 0.0], seed=2)


def test_a_stream_of_nothing_yields_the_prompt_once_and_a_whole_number_of_pieces_has_no_extra():
    model = CharRNN(TOKENIZER, units=4)
    assert list(stream(model, "abc", 0, seed=1)) == ["abc"]
    assert [len(piece) for piece in stream(model, "abc", 8, seed=1, every=4)] == [7, 11]


@pytest.mark.parametrize("prompt, options, problem", [
    ("abZ", {}, "characters the model does not know: 'Z'"),
    ("", {}, "prompt is empty"),
    ("abc", {"top_p": 0.0}, "top-p"),
    ("abc", {"top_k": 99}, "top-k"),
    ("abc", {"temperature": -1.0}, "temperature"),
    ("abc", {"temperature": [0.5, float("nan")]}, "temperature"),
    ("abc", {"top_p": float("nan")}, "top-p"),
])
def test_bad_generation_requests_are_refused(prompt, options, problem):
    with pytest.raises(GenlabError, match=problem):
        generate(CharRNN(TOKENIZER, units=4), prompt, 5, **options)


@pytest.fixture
def stand_in_model(tmp_path, monkeypatch):
    """``model.keras`` in the working folder (the command checks that it exists), loading as a tiny CharRNN."""
    from genlab import text

    monkeypatch.chdir(tmp_path)
    (tmp_path / "model.keras").write_bytes(b"")
    model = CharRNN(TOKENIZER, units=4)  # no "\n" in its vocabulary
    monkeypatch.setattr(text, "load", lambda path: model)
    return model


def test_without_a_prompt_generation_starts_from_a_token_the_model_knows(stand_in_model, capsys):
    from genlab.cli import main

    assert main(["text", "generate", "model.keras", "--length", "12", "--seed", "3"]) == 0
    printed = capsys.readouterr().out.rstrip("\n")
    assert len(printed) == 13 and set(printed) <= set(TOKENIZER.symbols)


def test_generation_without_a_seed_says_which_one_repeats_it(stand_in_model, capsys):
    from genlab.cli import main

    assert main(["text", "generate", "model.keras", "--prompt", "ab", "--length", "30"]) == 0
    captured = capsys.readouterr()
    seed = captured.err.split("--seed ")[1].split()[0]
    assert main(["text", "generate", "model.keras", "--prompt", "ab", "--length", "30", "--seed", seed]) == 0
    assert capsys.readouterr().out == captured.out


def test_the_default_prompt_is_the_natural_start_when_the_vocabulary_has_it():
    from genlab.text import default_prompt
    from genlab.text.tokenizers import WordTokenizer

    assert default_prompt(CharTokenizer.fit("ab\ncd")) == "\n"
    assert default_prompt(WordTokenizer.fit("the cat sat")) == "the"
    words = WordTokenizer.fit("a cat sat on a mat")
    assert default_prompt(words, seed=1) in {"a", "cat", "sat", "on", "mat"}
    assert default_prompt(words, seed=1) == default_prompt(words, seed=1)


@pytest.mark.parametrize("kind, overrides", [
    ("char", {"learning_rate": float("nan")}),
    ("char", {"clipnorm": float("inf")}),
    ("char", {"temperatures": [float("nan")]}),
    ("word", {"dropout": float("nan")}),
])
def test_settings_that_are_not_finite_are_refused(kind, overrides):
    from genlab.text.presets import resolve_settings

    with pytest.raises(GenlabError, match="must be"):
        resolve_settings(kind, "book", overrides)


@pytest.mark.parametrize("snippet, before, after, words", [
    ("ng of Denmark, the pri", "i", "n", " of Denmark, the "),
    ("king of Denmark", " ", " ", "king of Denmark"),
    ("king of Denmark", "", "", "king of Denmark"),
    ("\nking of Den", "\n", "m", "\nking of "),
    ("onlyoneword", "x", "y", ""),
])
def test_sample_prompts_start_and_end_on_word_boundaries(snippet, before, after, words):
    from genlab.text.callbacks import whole_words

    assert whole_words(snippet, before, after) == words
