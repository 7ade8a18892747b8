import numpy as np
import pytest

from genlab.errors import GenlabError
from genlab.text.batches import WindowBatches, held_out_windows


def test_targets_are_the_next_tokens():
    ids = np.arange(100)
    x, y = WindowBatches(ids, context=5, batch_size=4, seed=0)(0)
    np.testing.assert_array_equal(y, x + 1)
    x, y = WindowBatches(ids, context=5, batch_size=4, seed=0, stride=3, predict="last")(0)
    assert y.shape == (4,)
    np.testing.assert_array_equal(y, x[:, -1] + 1)
    assert (x[:, 0] % 3 == 0).all()


def test_a_pass_visits_every_window_once_and_batches_depend_only_on_the_step():
    ids = np.arange(50)
    batches = WindowBatches(ids, context=4, batch_size=5, seed=3)
    starts = np.concatenate([batches(step)[0][:, 0] for step in range(batches.steps_per_pass)])
    assert set(starts) == set(range(batches.windows))
    assert len(starts) - batches.windows < 5  # only the last batch is topped up from the pass's start
    again = WindowBatches(ids, context=4, batch_size=5, seed=3)
    np.testing.assert_array_equal(again(7)[0], batches(7)[0])
    assert not np.array_equal(WindowBatches(ids, context=4, batch_size=5, seed=4)(7)[0], batches(7)[0])


def test_a_text_shorter_than_one_window_is_refused():
    with pytest.raises(GenlabError, match="fewer than one window"):
        WindowBatches(np.arange(10), context=10, batch_size=2, seed=0)
    with pytest.raises(GenlabError, match="held-out text"):
        held_out_windows(np.arange(5), context=10, predict="all")


def test_held_out_windows_cover_the_held_out_text_evenly():
    x, y = held_out_windows(np.arange(1000), context=10, predict="all", max_windows=50)
    assert x.shape == (50, 10) and x[0, 0] == 0 and y[-1, -1] == 999
