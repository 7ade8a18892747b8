import numpy as np
import pytest
from keras import ops

from genlab.text.sampling import reweight, sample_next

PROBABILITIES = np.array([0.5, 0.3, 0.15, 0.05])


def draw_frequencies(temperature, top_k=0, top_p=1.0, draws=20000):
    """Token frequencies when sampling with evenly spaced uniforms (an exact quadrature of the sampler)."""
    logits = np.log(np.tile(PROBABILITIES, (draws, 1))).astype("float32")
    uniforms = ((np.arange(draws) + 0.5) / draws).astype("float32")
    temperatures = np.full(draws, temperature, dtype="float32")
    tokens = np.asarray(sample_next(ops.convert_to_tensor(logits), temperatures, uniforms, top_k, top_p))
    return np.bincount(tokens, minlength=len(PROBABILITIES)) / draws


@pytest.mark.parametrize("temperature", [0.2, 0.5, 1.0, 1.2])
def test_sampling_follows_the_books_temperature_formula(temperature):
    expected = reweight(PROBABILITIES, temperature)
    np.testing.assert_allclose(draw_frequencies(temperature), expected, atol=2e-3)


def test_reweight_sharpens_below_one_and_flattens_above():
    assert reweight(PROBABILITIES, 0.2)[0] > 0.9
    assert reweight(PROBABILITIES, 1.0)[0] == pytest.approx(0.5)
    assert reweight(PROBABILITIES, 5.0).max() < 0.4


def test_zero_temperature_is_greedy():
    assert draw_frequencies(0.0)[0] == 1.0


def test_top_k_keeps_only_the_k_most_likely():
    frequencies = draw_frequencies(1.0, top_k=2)
    assert frequencies[2:].sum() == 0
    np.testing.assert_allclose(frequencies[:2], [0.5 / 0.8, 0.3 / 0.8], atol=2e-3)


@pytest.mark.parametrize("top_p, kept", [(0.4, 1), (0.7, 2), (0.85, 3), (1.0, 4)])
def test_top_p_keeps_the_smallest_set_reaching_the_mass(top_p, kept):
    frequencies = draw_frequencies(1.0, top_p=top_p)
    assert (frequencies > 0).sum() == kept
    np.testing.assert_allclose(frequencies[:kept], PROBABILITIES[:kept] / PROBABILITIES[:kept].sum(), atol=2e-3)
