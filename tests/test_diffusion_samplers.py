"""The diffusion schedule and samplers, checked against exact answers: an oracle that knows the image, and a
Gaussian data set whose exact denoiser and probability-flow ODE are known in closed form."""

import math

import numpy as np
import pytest
from keras import ops

from genlab.diffusion.samplers import estimate_images, sample, time_grid
from genlab.diffusion.schedule import MAX_SIGNAL_RATE, MIN_SIGNAL_RATE, Rates, rates
from genlab.errors import GenlabError

MEAN, SPREAD = 0.7, 0.4  # the Gaussian data set: N(MEAN, SPREAD²) in every pixel


def test_the_rates_squares_sum_to_one_and_the_signal_falls_from_0_95_to_0_02():
    grid = rates(np.linspace(0, 1, 101))
    signal, noise = ops.convert_to_numpy(grid.signal), ops.convert_to_numpy(grid.noise)
    np.testing.assert_allclose(signal**2 + noise**2, 1.0, atol=1e-6)
    assert np.all(np.diff(signal) < 0) and np.all(np.diff(noise) > 0)
    assert signal[0] == pytest.approx(MAX_SIGNAL_RATE, abs=1e-6) and signal[-1] == pytest.approx(MIN_SIGNAL_RATE, abs=1e-6)


@pytest.mark.parametrize("clip", [None, (-1.0, 1.0)])
@pytest.mark.parametrize("sampler", ["ddim", "dpm++"])
def test_given_the_true_noise_every_step_recovers_the_image_exactly(sampler, clip):
    image = np.random.default_rng(0).uniform(-1, 1, (2, 4, 4, 1)).astype("float32")

    def oracle(noisy, rate):  # the noise that is really in `noisy`, knowing the image
        return (noisy - rate.signal * image) / rate.noise

    estimates = []
    start = np.random.default_rng(1).standard_normal(image.shape).astype("float32")
    result = sample(oracle, start, steps=5, sampler=sampler, clip=clip,
                    on_step=lambda step, noisy, estimate: estimates.append(estimate))
    np.testing.assert_allclose(ops.convert_to_numpy(result), image, atol=1e-5)
    assert len(estimates) == 5
    rate = Rates(0.6, 0.8)
    noise = start
    np.testing.assert_allclose(ops.convert_to_numpy(estimate_images(0.6 * image + 0.8 * noise, noise, rate)), image,
                               atol=1e-6)


def exact_noise(noisy, rate):
    """The noise that the best possible network predicts for Gaussian data: from the posterior mean."""
    variance = rate.signal**2 * SPREAD**2 + rate.noise**2
    mean = MEAN + rate.signal * SPREAD**2 / variance * (noisy - rate.signal * MEAN)
    return (noisy - rate.signal * mean) / rate.noise


def exact_result(start):
    """Where the probability-flow ODE takes ``start`` (at time 1) for Gaussian data: the standardised value is
    kept along the flow; then the posterior mean at time 0, as the samplers end."""
    first, last = time_grid(1)
    z = (start - first.signal * MEAN) / math.sqrt(first.signal**2 * SPREAD**2 + first.noise**2)
    at_zero = last.signal * MEAN + math.sqrt(last.signal**2 * SPREAD**2 + last.noise**2) * z
    return ops.convert_to_numpy(estimate_images(at_zero, exact_noise(at_zero, last), last))


def error(sampler, steps, start):
    result = ops.convert_to_numpy(sample(exact_noise, start, steps=steps, sampler=sampler))
    return float(np.max(np.abs(result - exact_result(start))))


def test_dpm_solver_pp_at_10_steps_is_closer_to_the_exact_flow_than_ddim_at_20():
    start = np.random.default_rng(2).standard_normal((256,)).astype("float32")
    assert error("ddim", 400, start) < 2e-3  # DDIM converges to the exact flow
    assert error("dpm++", 10, start) < error("ddim", 20, start) < error("ddim", 10, start)
    assert error("dpm++", 20, start) < error("dpm++", 10, start)


@pytest.mark.parametrize("sampler", ["ddim", "dpm++"])
def test_clipping_keeps_every_clean_image_estimate_in_range(sampler):
    def overshooting(noisy, rate):  # a young network's error at high noise: estimates of about ±3 / signal rate
        return noisy / rate.noise + 3.0 * np.sign(ops.convert_to_numpy(noisy))

    start = np.random.default_rng(4).standard_normal((64,)).astype("float32")

    def estimates(clip):  # the largest estimate's size
        seen = []
        result = sample(overshooting, start, 8, sampler, clip=clip,
                        on_step=lambda step, noisy, estimate: seen.append(ops.convert_to_numpy(estimate)))
        return max(np.abs(estimate).max() for estimate in seen + [ops.convert_to_numpy(result)])

    assert estimates(clip=(-1.0, 1.0)) <= 1.0 + 1e-4 and estimates(clip=None) > 10
    assert estimates(clip=(-0.5, 0.5)) <= 0.5 + 1e-4


def test_ddim_with_eta_draws_fresh_noise_from_its_seed():
    start = np.random.default_rng(3).standard_normal((8,)).astype("float32")
    run = lambda eta, seed: ops.convert_to_numpy(sample(exact_noise, start, 10, "ddim", eta=eta, seed=seed))  # noqa: E731
    np.testing.assert_array_equal(run(1.0, 5), run(1.0, 5))
    assert not np.allclose(run(1.0, 5), run(1.0, 6)) and not np.allclose(run(1.0, 5), run(0.0, 5))


@pytest.mark.parametrize("options, message", [({"sampler": "euler"}, "unknown sampler 'euler'"),
                                              ({"steps": 0}, "--steps"), ({"eta": -0.5}, "--eta")])
def test_bad_sampler_options_are_refused(options, message):
    with pytest.raises(GenlabError, match=message):
        sample(exact_noise, np.zeros(2, "float32"), **{"steps": 5, **options})
