"""Data-parallel training (JAX, two virtual CPU devices, in child processes): for every trainer, the same losses
and weights as one device, checkpoints that move between the modes, and a refused indivisible batch.
(test_distribution_processes.py: the one-line refusals of bad options, and two processes joined on localhost.)"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TWO_DEVICES, child_environment, needs_jax

pytestmark = [pytest.mark.slow, needs_jax]

HERE = Path(__file__).parent
#: The fast style network's Adam steps by lr·m/√v: for a weight whose gradient is near zero, float rounding (the
#: two devices add the gradient up in another order) can change a step by up to the learning rate, 1e-3.
WEIGHT_TOLERANCE = {"style": 1e-2}


@pytest.mark.parametrize("trainer", ["text", "vae", "gan", "style"])
def test_two_devices_train_as_one_and_checkpoints_move_between_the_modes(trainer, tmp_path):
    child = subprocess.run([sys.executable, str(HERE / "data_parallel_runs.py"), trainer, str(tmp_path)],
                           capture_output=True, text=True, timeout=900, env=child_environment(TWO_DEVICES))
    assert child.returncode == 0, child.stderr[-3000:]
    results = json.loads(child.stdout.strip().splitlines()[-1])
    for name in ("one epoch", "resumed", "to distributed", "to one device"):
        assert results[name]["steps"][0] == results[name]["steps"][1] > 0, (name, results)
        assert results[name]["weights"] < WEIGHT_TOLERANCE.get(trainer, 1e-4), (name, results)
        assert results[name]["losses"] < 1e-3, (name, results)
    assert "does not split evenly over 2 devices" in results["indivisible"]
