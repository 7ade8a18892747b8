import pytest

from genlab.errors import GenlabError
from genlab.text.corpus import imdb_text, load_corpus, markdown_play_to_text, read_text, split_validation

PLAY = """# Hamlet

## ACT I

### SCENE I. Elsinore. A platform before the castle.

_FRANCISCO at his post. Enter to him BERNARDO_

**BERNARDO**  
Who's there?

**FRANCISCO**  
Nay, answer me: stand, and unfold yourself.  
You come most \\--carefully upon your hour.

__\\[Awaking]_  
"""


def test_play_markdown_becomes_plain_play_text():
    assert markdown_play_to_text(PLAY) == (
        "Hamlet\n\nACT I\n\nSCENE I. Elsinore. A platform before the castle.\n\n"
        "FRANCISCO at his post. Enter to him BERNARDO\n\nBERNARDO:\nWho's there?\n\n"
        "FRANCISCO:\nNay, answer me: stand, and unfold yourself.\nYou come most --carefully upon your hour.\n\n"
        "[Awaking]\n"
    )


def test_a_folder_of_text_files_is_read_in_sorted_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("second")
    (tmp_path / "sub" / "c.txt").write_text("third")
    (tmp_path / "a.txt").write_text("first")
    (tmp_path / "ignored.md").write_text("not text")
    assert load_corpus(str(tmp_path)) == "first\n\nsecond\n\nthird"


def test_imdb_reviews_lose_their_br_tags_and_link_lists(tmp_path):
    (tmp_path / "train" / "pos").mkdir(parents=True)
    (tmp_path / "train" / "pos" / "0_9.txt").write_text("Great film.<br /><br />Loved it.")
    (tmp_path / "train" / "urls_pos.txt").write_text("http://example.invalid/")
    assert imdb_text(tmp_path) == "Great film.  Loved it."


@pytest.mark.parametrize("content, problem", [
    (b"", "is empty"),
    (b"  \n\n ", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
    (b"caf\xe9 latin-1", "not UTF-8 text (bad byte at offset 3)"),
])
def test_bad_text_files_are_refused_with_the_reason(tmp_path, content, problem):
    path = tmp_path / "corpus.txt"
    path.write_bytes(content)
    with pytest.raises(GenlabError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        read_text(path)


def test_missing_corpus_and_empty_folder_are_refused(tmp_path):
    with pytest.raises(GenlabError, match="corpus not found"):
        load_corpus(str(tmp_path / "nope.txt"))
    with pytest.raises(GenlabError, match="no .txt files"):
        load_corpus(str(tmp_path))


def test_the_held_out_split_is_the_end_of_the_text():
    train, held_out = split_validation("abcdefghij", 0.2)
    assert (train, held_out) == ("abcdefgh", "ij")
    with pytest.raises(GenlabError):
        split_validation("abc", 1.0)


@pytest.mark.assets
def test_the_bundled_plays_load_as_plain_text():
    from genlab import assets

    if not assets.is_cached("shakespeare"):
        pytest.skip("shakespeare is not cached; run `genlab assets fetch shakespeare`")
    plays = load_corpus("shakespeare")
    assert 4_900_000 < len(plays) < 5_100_000
    assert "\nHAMLET:\nTo be, or not to be: that is the question:\n" in plays
    assert not any(mark in plays for mark in ("**", "\\[", "#", "_"))
