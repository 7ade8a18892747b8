"""The prompt to start from when the user gives none."""

import numpy as np

from genlab.errors import GenlabError
from genlab.text.tokenizers import CharTokenizer, WordTokenizer

#: How a text naturally begins: a new line for characters (a play's next speaker), "the" for words.
NATURAL_STARTS = {"char": "\n", "word": "the"}


def default_prompt(tokenizer: CharTokenizer | WordTokenizer, seed: int | None = None) -> str:
    """The natural start for ``tokenizer``'s kind if its vocabulary has it, else a token drawn with ``seed``.

    A model trained on text without line breaks (or without the word "the") cannot encode the natural start;
    any visible token it knows will do instead.
    """
    natural = NATURAL_STARTS[tokenizer.kind]
    if natural in tokenizer.symbols:
        return natural
    visible = [symbol for symbol in tokenizer.symbols if symbol.strip() and symbol != WordTokenizer.UNKNOWN]
    if not visible:
        raise GenlabError("the model's vocabulary has no token to start from: give a prompt")
    return visible[np.random.default_rng(seed).integers(len(visible))]
