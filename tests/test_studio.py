"""The studio's handlers, called from Python: streams that follow a job and stop it, the DeepDream tab's
octaves as they finish, one-line problems, the outputs folder, and the warning for a listening address."""

import socket
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from PIL import Image

from genlab.cli import main
from genlab.errors import GenlabError
from genlab.studio import exposure_warning
from genlab.studio.dream_tab import dream_stream
from genlab.studio.outputs import OutputFolder
from genlab.studio.streaming import stream
from genlab.studio.uploads import load_photo

from test_dream import tiny_backbone


def test_a_stream_yields_each_report_as_it_comes_then_the_result():
    def work(report):
        for index in range(3):
            report(index)
        return "finished"

    assert list(stream(work)) == [0, 1, 2, "finished"]


def test_a_streams_error_reaches_the_listener():
    def work(report):
        report("started")
        raise GenlabError("the photo is damaged")

    reports = stream(work)
    assert next(reports) == "started"
    with pytest.raises(GenlabError, match="the photo is damaged"):
        next(reports)


def test_closing_a_stream_stops_its_job_at_the_next_report():
    steps = []
    released = threading.Event()

    def work(report):
        for index in range(1000):
            steps.append(index)
            report(index)
            released.wait(1)
        return "never"

    reports = stream(work)
    assert next(reports) == 0
    released.set()
    reports.close()  # the page's Stop button: the job ends instead of running on unseen
    assert job_threads_end() and len(steps) <= 2


def job_threads_end(seconds=10):
    """Whether every job's worker thread has ended within ``seconds``."""
    deadline = time.monotonic() + seconds
    while any(thread.name == "genlab-studio-job" for thread in threading.enumerate()):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_stopping_the_dream_tab_stops_the_dream(tmp_path):
    photo = np.random.default_rng(3).uniform(0, 255, size=(48, 64, 3)).astype("float32")
    updates = dream_stream(photo, OutputFolder(tmp_path), tiny_backbone(), layers="first=1", steps=10_000, octaves=1)
    assert next(updates)[1].startswith("octave 1 of 1, step 1 of 10000")
    updates.close()
    assert job_threads_end() and not list(tmp_path.iterdir())


def test_a_port_in_use_is_one_line(capsys, tmp_path, monkeypatch):
    pytest.importorskip("gradio")
    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["studio", "--port", str(port)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"genlab: error: cannot listen on 127.0.0.1 port {port}"), lines


def test_the_page_is_built_over_trained_runs_without_importing_keras(tiny_runs, tmp_path):
    """Keras takes seconds to import; the page must not wait for it (the handlers import it when first used)."""
    pytest.importorskip("gradio")
    built = ("import sys; from genlab.studio import build_app; "
             f"build_app({str(tiny_runs)!r}, {str(tmp_path)!r}); "
             "print(sorted(name for name in ('keras', 'tensorflow', 'jax', 'torch') if name in sys.modules))")
    child = subprocess.run([sys.executable, "-c", built], capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.strip().splitlines()[-1] == "[]"


def test_the_dream_tab_streams_every_octave_then_writes_the_dream_and_its_gif(tmp_path):
    photo = np.random.default_rng(3).uniform(0, 255, size=(48, 64, 3)).astype("float32")
    updates = list(dream_stream(photo, OutputFolder(tmp_path / "out"), tiny_backbone(), layers="first=1", steps=2,
                                octaves=2, seed=0))
    statuses = [status for _, status, _, _ in updates]
    assert statuses[:3] == ["octave 1 of 2, step 1 of 2, loss " + statuses[0].rsplit(" ", 1)[1],
                            statuses[1], "octave 1 of 2 done"]
    assert updates[0][0] is None and updates[2][0].shape == (34, 45, 3)  # the first octave, as soon as it is done
    assert [done for *_, done in updates] == sorted(done for *_, done in updates) and updates[-1][3] == 1.0
    image, status, files, _ = updates[-1]
    assert image.shape == (48, 64, 3) and status.startswith("done: layers first=1; wrote dream-")
    assert [f.rsplit(".", 1)[1] for f in files] == ["png", "gif"]
    assert all(str(tmp_path / "out") in f for f in files)
    assert Image.open(files[1]).n_frames == 3  # the photo, then each octave


def test_bad_dream_settings_are_one_line_before_any_work(tmp_path):
    photo = np.zeros((20, 20, 3), "float32")
    with pytest.raises(GenlabError, match=r"^the image \(20×20\) is too small to dream"):
        next(dream_stream(photo, OutputFolder(tmp_path), tiny_backbone(), layers="first=1"))
    with pytest.raises(GenlabError, match="bad layer weight"):
        next(dream_stream(np.zeros((64, 64, 3), "float32"), OutputFolder(tmp_path), tiny_backbone(), layers="first=x"))
    assert not list(tmp_path.iterdir())


def test_an_upload_is_decoded_as_the_command_line_decodes_it(tmp_path):
    broken = tmp_path / "photo.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really")
    with pytest.raises(GenlabError) as error:
        load_photo(str(broken))
    assert "\n" not in str(error.value) and "photo.png" in str(error.value) and str(tmp_path) not in str(error.value)
    with pytest.raises(GenlabError, match="choose a photo"):
        load_photo(None, None)
    good = tmp_path / "good.png"
    Image.fromarray(np.full((8, 9, 3), 200, np.uint8)).save(good)
    assert load_photo(str(good)).shape == (8, 9, 3)


def test_outputs_never_overwrite_anything(tmp_path):
    folder = OutputFolder(tmp_path / "outputs")
    paths = {folder.new("dream", ".png") for _ in range(5)}
    assert len(paths) == 5 and all(path.parent == tmp_path / "outputs" for path in paths)


@pytest.mark.parametrize("host, warned", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                          ("0.0.0.0", True), ("192.168.1.5", True)])
def test_listening_beyond_this_machine_is_warned_about(host, warned):
    warning = exposure_warning(host)
    assert (warning is not None) == warned
    if warned:
        assert "anyone who can reach this machine" in warning and "\n" not in warning
