"""The studio in a real headless Chromium (Debian's, driven by Playwright): the page loads, a dream streams its
progress and ends in an image and downloads, and a broken upload shows its one line. Screenshots go to
``$GENLAB_SCREENSHOTS`` (the README's come from there) or the test's own folder. Skipped, with the reason,
where Gradio, Playwright or a Chromium is missing, or MobileNetV2's weights are not in the asset cache."""

import os
import shutil
import socket
import time
from pathlib import Path

import pytest

from conftest import needs_asset

gradio = pytest.importorskip("gradio", reason="the studio needs Gradio (pip install 'genlab[studio]')")
sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need Playwright")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)")]

#: How long a dream of a bundled photo may take on a slow 2-core machine, in milliseconds.
JOB_TIMEOUT = 240_000


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    from genlab.studio import launch

    outputs = tmp_path_factory.mktemp("outputs")
    port = free_port()
    started = time.perf_counter()
    app = launch(outputs=outputs, port=port, block=False, report=lambda line: None)
    yield f"http://127.0.0.1:{port}", outputs, started
    app.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def screenshots(tmp_path):
    folder = Path(os.environ.get("GENLAB_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@needs_asset("mobilenet_v2")
def test_a_dream_streams_its_progress_and_ends_in_the_image_and_its_downloads(studio, browser, screenshots):
    url, outputs, started = studio
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(url)
    page.locator("#dream-start").wait_for()
    print(f"studio: first page load {time.perf_counter() - started:.1f} s after the launch began")
    page.locator("#dream-start").click()
    page.wait_for_function("() => document.querySelector('#dream-status textarea')?.value.includes('step')",
                           timeout=JOB_TIMEOUT)
    page.wait_for_function("() => document.querySelector('#dream-progress progress')?.value > 0")
    page.wait_for_function("() => document.querySelector('#dream-status textarea')?.value.startsWith('done')",
                           timeout=JOB_TIMEOUT)
    assert page.locator("#dream-image img").count() == 1
    assert sorted(path.suffix for path in outputs.iterdir()) == [".gif", ".png"]
    page.screenshot(path=screenshots / "studio-dream.png", full_page=True)


def test_a_broken_upload_shows_one_line_in_the_page(studio, browser, tmp_path, screenshots):
    url, _, _ = studio
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a photo")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(url)
    page.locator("#dream-upload input[type=file]").set_input_files(str(broken))
    page.locator("#dream-upload a, #dream-upload .file-name, #dream-upload td").first.wait_for()
    page.locator("#dream-start").click()
    toast = page.locator(".toast-body").first
    toast.wait_for(timeout=60_000)
    message = toast.inner_text()
    assert "broken.png is truncated or damaged" in message, message
    assert "/" not in message and "Traceback" not in message, message
    page.screenshot(path=screenshots / "studio-bad-upload.png", full_page=True)
