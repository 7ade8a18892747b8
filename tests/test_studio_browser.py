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
from test_studio import job_threads_end

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
def studio(tmp_path_factory, studio_runs):
    from genlab.studio import launch

    outputs = tmp_path_factory.mktemp("outputs")
    port = free_port()
    started = time.perf_counter()
    app = launch(runs=studio_runs, outputs=outputs, port=port, block=False, report=lambda line: None)
    yield f"http://127.0.0.1:{port}", outputs, started
    app.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_tab(browser, url, name):
    """A new page of the studio showing the tab called ``name``."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(url)
    page.get_by_role("tab", name=name).click()
    return page


def value_of(selector):
    """JavaScript for the value of the text field inside ``selector``."""
    return f"(document.querySelector('{selector} textarea')?.value ?? '')"


@pytest.fixture
def screenshots(tmp_path):
    folder = Path(os.environ.get("GENLAB_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@needs_asset("mobilenet_v2")
def test_a_dream_streams_its_progress_and_ends_in_the_image_and_its_downloads(studio, browser, screenshots):
    url, outputs, started = studio
    page = open_tab(browser, url, "DeepDream")
    page.locator("#dream-start").wait_for()
    print(f"studio: first page load {time.perf_counter() - started:.1f} s after the launch began")
    page.locator("#dream-start").click()
    page.wait_for_function("() => document.querySelector('#dream-status textarea')?.value.includes('step')",
                           timeout=JOB_TIMEOUT)
    page.wait_for_function("() => document.querySelector('#dream-progress progress')?.value > 0")
    page.wait_for_function("() => document.querySelector('#dream-status textarea')?.value.startsWith('done')",
                           timeout=JOB_TIMEOUT)
    assert page.locator("#dream-image img").count() == 1
    assert sorted(path.suffix for path in outputs.glob("dream*")) == [".gif", ".png"]
    page.screenshot(path=screenshots / "studio-dream.png", full_page=True)


def test_a_broken_upload_shows_one_line_in_the_page(studio, browser, tmp_path, screenshots):
    url, _, _ = studio
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a photo")
    page = open_tab(browser, url, "DeepDream")
    page.locator("#dream-upload input[type=file]").set_input_files(str(broken))
    page.locator("#dream-upload a, #dream-upload .file-name, #dream-upload td").first.wait_for()
    page.locator("#dream-start").click()
    toast = page.locator(".toast-body").first
    toast.wait_for(timeout=60_000)
    message = toast.inner_text()
    assert "broken.png is truncated or damaged" in message, message
    assert "/" not in message and "Traceback" not in message, message
    page.screenshot(path=screenshots / "studio-bad-upload.png", full_page=True)


def test_text_streams_into_the_page_and_temperatures_compare_side_by_side(studio, browser, screenshots):
    url, outputs, _ = studio
    page = open_tab(browser, url, "Text")
    page.locator("#text-prompt textarea").fill("the")
    page.locator("#text-length input[type=number]").fill("2000")  # long enough that the page sees it stream
    page.locator("#text-start").click()
    page.wait_for_function(f"() => {value_of('#text-status')}.includes('of 2,000 tokens')", timeout=JOB_TIMEOUT)
    page.wait_for_function(f"() => {value_of('#text-status')}.startsWith('done')", timeout=JOB_TIMEOUT)
    page.wait_for_function(f"() => {value_of('#text-output')}.length == 2003")  # a character model: 2,000 more
    assert page.evaluate(f"() => {value_of('#text-output')}").startswith("the")
    page.locator("#text-compare").click()
    page.wait_for_function(f"() => {value_of('#text-status')}.startsWith('done') && {value_of('#text-compare-3')}",
                           timeout=JOB_TIMEOUT)
    texts = [page.evaluate(f"() => {value_of(f'#text-compare-{i}')}") for i in range(4)]
    assert all(len(sample) > 100 for sample in texts) and len(set(texts)) == 4, texts
    assert len(list(outputs.glob("text-*.txt"))) == 2
    page.screenshot(path=screenshots / "studio-text.png", full_page=True)


def choose_run(page, prefix, name):
    page.locator(f"#{prefix}-run input").click()
    page.get_by_role("option", name=name).click()


def image_source(selector):
    return f"(document.querySelector('{selector} img')?.src ?? '')"


@needs_asset("mnist")
def test_a_click_on_the_latent_plane_decodes_the_point_at_once(studio, browser, screenshots):
    url, outputs, _ = studio
    page = open_tab(browser, url, "VAE")
    choose_run(page, "vae", "digits-vae")
    page.locator("#vae-show").click()
    page.locator("#vae-plane img").wait_for(timeout=JOB_TIMEOUT)
    plane = page.locator("#vae-plane img").bounding_box()
    latencies = []
    for across in (0.35, 0.55, 0.45):
        before = page.evaluate(f"() => {image_source('#vae-decoded')}")
        clicked = time.perf_counter()
        page.mouse.click(plane["x"] + across * plane["width"], plane["y"] + 0.5 * plane["height"])
        page.wait_for_function(f"() => {image_source('#vae-decoded')} && {image_source('#vae-decoded')} != '{before}'",
                               timeout=60_000)
        latencies.append(time.perf_counter() - clicked)
        assert page.evaluate(f"() => {value_of('#vae-status')}").startswith("z = (")
    print("studio: latent-plane click to decoded image " + ", ".join(f"{s * 1000:.0f} ms" for s in latencies))
    before = page.evaluate(f"() => {image_source('#vae-decoded')}")
    page.mouse.move(plane["x"] + 0.3 * plane["width"], plane["y"] + 0.3 * plane["height"])
    page.mouse.down()
    for step in range(1, 6):  # a drag decodes the points it passes over, before the button is let go
        page.mouse.move(plane["x"] + (0.3 + 0.08 * step) * plane["width"], plane["y"] + 0.3 * plane["height"])
    page.wait_for_function(f"() => {image_source('#vae-decoded')} != '{before}'", timeout=60_000)
    assert page.evaluate(f"() => {value_of('#vae-status')}").startswith("z = (")
    page.mouse.up()
    page.locator("#vae-morph").click()
    page.locator("#vae-morphed img").wait_for(timeout=JOB_TIMEOUT)
    assert len(list(outputs.glob("vae-morph-*.gif"))) == 1
    page.screenshot(path=screenshots / "studio-vae.png", full_page=True)


def test_a_gan_gallery_and_the_walk_around_a_clicked_sample(studio, browser, screenshots):
    url, outputs, _ = studio
    page = open_tab(browser, url, "GAN")
    page.locator("#gan-start").click()
    page.locator("#gan-gallery img").nth(15).wait_for(timeout=JOB_TIMEOUT)
    page.locator("#gan-gallery img").nth(5).click()
    page.locator("#gan-around img").wait_for(timeout=JOB_TIMEOUT)
    assert page.evaluate(f"() => {value_of('#gan-status')}").startswith("around sample 6 of seed 0")
    assert len(list(outputs.glob("gan-around-0-5-*.gif"))) == 1
    page.screenshot(path=screenshots / "studio-gan.png", full_page=True)


def test_the_denoising_streams_step_by_step(studio, browser, screenshots):
    url, outputs, _ = studio
    page = open_tab(browser, url, "Diffusion")
    page.locator("#diffusion-start").click()
    page.wait_for_function(f"() => {value_of('#diffusion-status')}.startsWith('step ')", timeout=JOB_TIMEOUT)
    page.wait_for_function("() => document.querySelector('#diffusion-progress progress')?.value > 0")
    page.wait_for_function(f"() => {value_of('#diffusion-status')}.startsWith('done')", timeout=JOB_TIMEOUT)
    assert page.locator("#diffusion-image img").count() == 1
    assert sorted(path.suffix for path in outputs.glob("diffusion-*")) == [".gif", ".png"]
    page.screenshot(path=screenshots / "studio-diffusion.png", full_page=True)


@needs_asset("vgg16-hed")
def test_style_rounds_stream_and_a_stop_ends_the_job(studio, browser, screenshots):
    url, outputs, _ = studio
    page = open_tab(browser, url, "Style")
    page.locator("#style-rounds input[type=number]").fill("50")
    page.locator("#style-height input[type=number]").fill("64")
    page.locator("#style-start").click()
    page.wait_for_function(f"() => {value_of('#style-status')}.startsWith('round 2 of 50')", timeout=JOB_TIMEOUT)
    assert page.locator("#style-image img").count() == 1
    page.locator("#style-stop").click()
    time.sleep(2)
    stopped = page.evaluate(f"() => {value_of('#style-status')}")
    time.sleep(3)
    assert page.evaluate(f"() => {value_of('#style-status')}") == stopped and not stopped.startswith("done")
    assert not list(outputs.glob("style-*.png"))  # a stopped job writes nothing
    assert job_threads_end(seconds=60)  # and frees the CPU at its next round
    page.screenshot(path=screenshots / "studio-style.png", full_page=True)


def test_the_runs_tab_lists_every_run_and_shows_one(studio, browser, screenshots):
    url, _, _ = studio
    page = open_tab(browser, url, "Runs")
    page.wait_for_function("() => ['digits-vae', 'diffusion', 'style'].every("
                           "name => document.querySelector('#runs-table')?.innerText.includes(name))", timeout=30_000)
    choose_run(page, "runs", "gan")
    page.locator("#runs-curves img").wait_for(timeout=30_000)
    page.screenshot(path=screenshots / "studio-runs.png", full_page=True)
