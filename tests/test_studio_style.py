"""The studio's Style tab, called from Python: each round's image streams as it finishes and the result is
written; styles blend by the weights typed; a fast network is applied in one pass."""

import numpy as np
import pytest

from genlab import style
from genlab.errors import GenlabError
from genlab.studio.outputs import OutputFolder
from genlab.studio.style_tab import blend_weights, fast_applied, load_fast, transfer_stream

from test_style import tiny_vgg


def test_every_round_streams_then_the_result_is_written(tmp_path):
    rng = np.random.default_rng(0)
    photo, painting = (rng.uniform(0, 255, (40, 48, 3)).astype("float32") for _ in range(2))
    updates = list(transfer_stream(photo, [painting], OutputFolder(tmp_path), rounds=3, height=32, seed=1,
                                   backbone=tiny_vgg()))
    assert [status for _, status, _, _ in updates[:3]] == [f"round {n} of 3 done" for n in (1, 2, 3)]
    assert [done for *_, done in updates] == pytest.approx([1 / 3, 2 / 3, 1.0, 1.0])
    image, status, written, _ = updates[-1]
    assert image.shape == (32, 38, 3) and status.startswith("done: 3 rounds, loss ")
    assert written.startswith(str(tmp_path)) and np.array_equal(updates[2][0], image)


def test_blend_weights_are_one_per_style():
    assert blend_weights("", 2) is None and blend_weights("1, 3", 2) == [1.0, 3.0]
    with pytest.raises(GenlabError, match="2 blend weights for 3 styles"):
        blend_weights("1,2", 3)
    with pytest.raises(GenlabError, match="numbers separated by commas"):
        blend_weights("1;2", 2)


def test_a_fast_network_stylises_in_one_pass_and_writes_it(tiny_runs, tmp_path):
    network = load_fast(tiny_runs / "style")
    photo = np.random.default_rng(1).uniform(0, 255, (18, 22, 3)).astype("float32")
    result, line = fast_applied(network, photo, OutputFolder(tmp_path))
    np.testing.assert_array_equal(result, style.apply_fast(network, photo))
    assert result.shape == photo.shape and line.startswith("wrote fast-style-")
