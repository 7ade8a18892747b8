"""Distribution across processes and its options: one-line refusals of bad options in bounded time, and two
``genlab text train`` processes joined on localhost that train, resume and fail together."""

import socket
import subprocess
import sys
import time

import numpy as np
import pytest

from conftest import ONE_DEVICE, TWO_DEVICES, child_environment, needs_jax, run_cli, run_in_one_child

pytestmark = [pytest.mark.slow, needs_jax]

TINY_TEXT = ["--context", 8, "--batch-size", 8, "--steps-per-epoch", 3, "--sample-length", 4, "--units", 8,
             "--temperature", 0.5, "--seed", 1]


#: Bad distribution options, each with what its one line must say.
BAD_OPTIONS = [
    (["--devices", 0], "--devices: expected"),
    (["--devices", 99], "--devices 99: this machine has only 2 devices"),
    (["--batch-size", 7, "--devices", 2], "--batch-size 7 does not split evenly over 2 devices"),
    (["--coordinator", "127.0.0.1:1", "--num-processes", 2, "--process-id", 2], "--process-id 2 is not one of the 2"),
    (["--coordinator", "nowhere", "--num-processes", 2, "--process-id", 1], "is not HOST:PORT"),
]


def test_bad_distribution_options_are_one_line_and_exit_2(tmp_path, tiny_corpus):
    results = run_in_one_child([["text", "train", "--run", tmp_path / "run", "--corpus", tiny_corpus, "--distribute",
                                 *TINY_TEXT, *options] for options, _ in BAD_OPTIONS], env=TWO_DEVICES, timeout=300)
    for (options, message), result in zip(BAD_OPTIONS, results):
        lines = result["stderr"].strip().splitlines()
        assert result["code"] == 2 and len(lines) == 1 and message in lines[0], (options, result)
    assert not (tmp_path / "run").exists()


def test_an_unreachable_coordinator_is_one_line_and_exit_2_in_bounded_time(tmp_path, tiny_corpus):
    started = time.monotonic()
    result = run_cli("text", "train", "--run", tmp_path / "run", "--corpus", tiny_corpus, *TINY_TEXT,
                     "--coordinator", f"127.0.0.1:{free_port()}", "--num-processes", 2, "--process-id", 1,
                     env={**ONE_DEVICE, "GENLAB_JOIN_TIMEOUT": "5"}, timeout=120)
    assert result.returncode == 2 and "could not join" in result.stderr, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("genlab: error:")
    assert time.monotonic() - started < 100


def test_distribution_on_another_backend_names_the_jax_extra(tmp_path, tiny_corpus):
    result = run_cli("text", "train", "--run", tmp_path / "run", "--corpus", tiny_corpus, "--distribute", *TINY_TEXT,
                     env={"KERAS_BACKEND": "tensorflow"}, timeout=120)
    assert result.returncode == 2 and "genlab[jax]" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_processes(run, corpus, epochs, resume=False, environ=None):
    """Two ``genlab text train`` processes (one CPU device each) joined through a coordinator on localhost."""
    port = free_port()
    options = ["--resume"] if resume else ["--corpus", str(corpus), *map(str, TINY_TEXT)]
    return [subprocess.Popen([sys.executable, "-m", "genlab", "text", "train", "--run", str(run), "--epochs", str(epochs),
                              *options, "--coordinator", f"127.0.0.1:{port}", "--num-processes", "2",
                              "--process-id", str(index)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=child_environment({**ONE_DEVICE, **(environ or {})}))
            for index in range(2)]


def finish(processes, timeout=300):
    outputs = []
    for process in processes:
        try:
            outputs.append(process.communicate(timeout=timeout))
        except subprocess.TimeoutExpired:
            for each in processes:
                each.kill()
            raise
    return outputs


def weights(path):
    from genlab.training.checkpoint import load_checkpoint

    return load_checkpoint(path)[0].get_weights()


def assert_same_weights(first, second):
    for a, b in zip(weights(first), weights(second)):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


def test_two_processes_train_together_resume_together_and_fail_together(tmp_path, tiny_corpus):
    shared, alone = tmp_path / "shared", tmp_path / "alone"
    processes = start_processes(shared, tiny_corpus, 1)
    assert run_cli("text", "train", "--run", alone, "--corpus", tiny_corpus, *TINY_TEXT, "--epochs", 1,
                   env=ONE_DEVICE).returncode == 0
    (out0, err0), (out1, err1) = finish(processes)
    assert [process.returncode for process in processes] == [0, 0], err0[-2000:] + err1[-2000:]
    assert "in 2 processes" in out0  # process 0 alone reports and writes (gloo's C++ says it connected)
    assert all(line.startswith("[Gloo]") for line in out1.splitlines())
    assert sorted(path.name for path in shared.iterdir()) == ["curves.png", "history.csv", "model.keras",
                                                              "samples.txt"]
    assert_same_weights(shared / "model.keras", alone / "model.keras")

    processes = start_processes(shared, tiny_corpus, 2, resume=True)
    assert run_cli("text", "train", "--run", alone, "--resume", "--epochs", 2, env=ONE_DEVICE).returncode == 0
    (out0, err0), (out1, err1) = finish(processes)
    assert [process.returncode for process in processes] == [0, 0], err0[-2000:] + err1[-2000:]
    assert "resuming" in out0 and "step 6" in out0
    assert_same_weights(shared / "model.keras", alone / "model.keras")

    survivor, victim = start_processes(shared, tiny_corpus, 1000, resume=True)
    while "step 9" not in survivor.stdout.readline():  # process 0 has finished an epoch with process 1
        assert survivor.poll() is None, survivor.stderr.read()[-2000:]
    victim.kill()
    victim.wait()
    started = time.monotonic()
    _, error = survivor.communicate(timeout=200)
    assert survivor.returncode == 2, error[-2000:]
    assert "another process of this run stopped" in error.strip().splitlines()[-1]
    assert time.monotonic() - started < 200
