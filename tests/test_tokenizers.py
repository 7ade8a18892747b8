import numpy as np
import pytest

from genlab.errors import GenlabError
from genlab.text.tokenizers import CharTokenizer, WordTokenizer, tokenizer_from_config


def test_char_vocabulary_is_the_sorted_characters_and_round_trips():
    tokenizer = CharTokenizer.fit("hello, world\n")
    assert tokenizer.symbols == sorted(set("hello, world\n"))
    ids = tokenizer.encode("world, hello")
    assert ids.dtype == np.int32
    assert tokenizer.decode(ids) == "world, hello"


def test_char_encoding_names_unknown_characters():
    with pytest.raises(GenlabError, match="'Zé'"):
        CharTokenizer.fit("abc").encode("abZcé")


def test_word_vocabulary_keeps_the_most_frequent_words_and_maps_the_rest_to_unknown():
    tokenizer = WordTokenizer.fit("a a a b b c", max_tokens=4)
    assert tokenizer.symbols == ["", "[UNK]", "a", "b"]
    assert list(tokenizer.encode("A b c [UNK]")) == [2, 3, 1, 1]


def test_word_decoding_attaches_punctuation():
    sentence = "This movie, isn't it great? (I don't know.)"
    tokenizer = WordTokenizer.fit(sentence)
    assert "isn't" in tokenizer.symbols and "," in tokenizer.symbols
    assert tokenizer.decode(tokenizer.encode(sentence)) == "this movie, isn't it great? (i don't know.)"


def test_tokenizers_rebuild_from_their_config():
    for tokenizer in (CharTokenizer.fit("xyz"), WordTokenizer.fit("one two two")):
        rebuilt = tokenizer_from_config(tokenizer.get_config())
        assert type(rebuilt) is type(tokenizer) and rebuilt.symbols == tokenizer.symbols
