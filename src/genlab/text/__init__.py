"""Text generation: corpora, tokenizers, a char-level RNN and a word-level Transformer, sampling.

    from genlab import text
    text.train(run="runs/plays", corpus="shakespeare", preset="cpu", minutes=10)
    print(text.generate("runs/plays", "ROMEO:", 300, temperature=0.5))   # the prompt and its continuation
    model = text.load("runs/plays")                   # load once to generate many times
    for sample in text.generate(model, "ROMEO:", 300, temperature=[0.2, 1.0], seed=1):
        print(sample)
    for so_far in text.stream(model, "ROMEO:", 300, every=8):   # the text as it grows, 8 tokens at a time
        print(so_far)
"""

from genlab.text.generate import generate, stream
from genlab.text.prompts import default_prompt
from genlab.text.train import train
from genlab.text.trained import load

__all__ = ["default_prompt", "generate", "load", "stream", "train"]
