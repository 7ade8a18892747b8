"""Training windows of a token stream, chosen as a pure function of the global step.

No one-hot tensor of the corpus is ever built: a batch is sliced from the integer token array when it is
needed. Each pass over the data visits the windows in a fresh order drawn from ``(seed, pass)``, so the batch
at any step is known in advance and a resumed run sees exactly what an uninterrupted one would.
"""

import math

import numpy as np

from genlab.errors import GenlabError


class WindowBatches:
    """Windows of ``context`` tokens starting every ``stride`` tokens.

    Targets are the next token after the window (``predict="last"``, the book's setting) or the next token
    at every position (``predict="all"``).
    """

    def __init__(self, ids, context, batch_size, seed, stride=1, predict="all"):
        self.ids = np.asarray(ids, dtype=np.int32)
        self.context, self.batch_size, self.seed = context, batch_size, seed
        self.stride, self.predict = stride, predict
        self.windows = (len(self.ids) - context - 1) // stride + 1
        if self.windows < 1:
            raise GenlabError(
                f"the training text has {len(self.ids)} tokens, fewer than one window of {context + 1}: "
                "give a longer corpus or a smaller --context"
            )
        self.steps_per_pass = math.ceil(self.windows / batch_size)
        self._order = (None, None)

    def __call__(self, step):
        pass_index, offset = divmod(step, self.steps_per_pass)
        order = self._pass_order(pass_index)
        chosen = np.take(order, np.arange(offset * self.batch_size, (offset + 1) * self.batch_size), mode="wrap")
        return windows_at(self.ids, chosen * self.stride, self.context, self.predict)

    def _pass_order(self, pass_index):
        if self._order[0] != pass_index:
            rng = np.random.default_rng([self.seed, pass_index])
            self._order = (pass_index, rng.permutation(self.windows))
        return self._order[1]


def windows_at(ids, starts, context, predict):
    """``(x, y)`` for windows of ``ids`` beginning at ``starts``."""
    x = ids[starts[:, None] + np.arange(context)]
    if predict == "last":
        return x, ids[starts + context]
    return x, ids[starts[:, None] + np.arange(1, context + 1)]


def held_out_windows(ids, context, predict, max_windows=2048):
    """Up to ``max_windows`` windows spread evenly over the held-out tokens, as arrays ``(x, y)``."""
    ids = np.asarray(ids, dtype=np.int32)
    last_start = len(ids) - context - 1
    if last_start < 0:
        raise GenlabError(
            f"the held-out text has {len(ids)} tokens, fewer than one window of {context + 1}: "
            "give a longer corpus, a larger --val-fraction, or a smaller --context"
        )
    count = min(max_windows, last_start // (context if predict == "all" else 1) + 1)
    starts = np.linspace(0, last_start, count).astype(np.int64)
    return windows_at(ids, starts, context, predict)
