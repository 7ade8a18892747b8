"""The studio's responsiveness in a real headless Chromium, with runs trained as a user would: the time from
``genlab studio`` to the first page load, from "Generate" to the first streamed text, and from a click on the
VAE's latent plane to its decoded image. Also takes the README's screenshots of every tab.

The page is opened once the server accepts connections, as a user opens the address the studio prints; the
Text tab's status says "ready" once Keras is imported and its first run compiled, in the background, and the
benchmark clicks Generate then (a click before waits for it).

Runs missing from ``--runs`` are trained first, each for its ``--train-minutes`` (default 2) with the default
preset: a character model on Shakespeare, the VAE on MNIST, the DCGAN and the diffusion model on MNIST.

    python benchmarks/studio_latency.py [--runs /tmp/studio-runs] [--screenshots docs/studio] [--clicks 10]
"""

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRAININGS = {
    "plays": ["text", "train", "--corpus", "shakespeare"],
    "vae": ["vae", "train"],
    "gan": ["gan", "train"],
    "diffusion": ["diffusion", "train"],
}


def train_missing(runs, minutes):
    for name, command in TRAININGS.items():
        if not (runs / name / "model.keras").is_file():
            print(f"training {name} for {minutes} min", flush=True)
            subprocess.run([sys.executable, "-m", "genlab", "-q", *command, "--run", str(runs / name),
                            "--minutes", str(minutes), "--seed", "1"], check=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port):
    """Return once something accepts connections on ``port``: polled over TCP, which costs the starting server
    almost no CPU (asking Chromium to load the page every few milliseconds took seconds of it)."""
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)


def value_of(selector):
    return f"(document.querySelector('{selector} textarea')?.value ?? '')"


def image_source(selector):
    return f"(document.querySelector('{selector} img')?.src ?? '')"


def measure(browser, port, started, clicks, screenshots):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    wait_until_listening(port)  # as a user opens the address once the studio prints it
    page.goto(f"http://127.0.0.1:{port}")
    page.locator("#text-start").wait_for()
    load = time.perf_counter() - started
    page.wait_for_function(f"() => {value_of('#text-status')} == 'ready'", timeout=300_000)
    ready = time.perf_counter() - started

    page.locator("#text-prompt textarea").fill("ROMEO:")
    page.locator("#text-start").click()
    clicked = time.perf_counter()
    page.wait_for_function(f"() => {value_of('#text-output')}.length > 'ROMEO:'.length", timeout=120_000)
    first_text = time.perf_counter() - clicked
    page.wait_for_function(f"() => {value_of('#text-status')}.startsWith('done')", timeout=300_000)
    page.screenshot(path=screenshots / "studio-text.png", full_page=True)

    page.get_by_role("tab", name="VAE").click()
    page.locator("#vae-show").click()
    page.locator("#vae-plane img").wait_for(timeout=300_000)
    box = page.locator("#vae-plane img").bounding_box()
    latencies = []
    for index in range(clicks):
        before = page.evaluate(f"() => {image_source('#vae-decoded')}")
        across, up = 0.25 + 0.5 * (index % 5) / 4, 0.3 + 0.4 * (index // 5) / 2
        clicked = time.perf_counter()
        page.mouse.click(box["x"] + across * box["width"], box["y"] + up * box["height"])
        page.wait_for_function(
            f"() => {image_source('#vae-decoded')} && {image_source('#vae-decoded')} != '{before}'", timeout=60_000)
        latencies.append(time.perf_counter() - clicked)
    page.screenshot(path=screenshots / "studio-vae.png", full_page=True)

    page.get_by_role("tab", name="GAN").click()
    page.locator("#gan-start").click()
    page.locator("#gan-gallery img").nth(15).wait_for(timeout=300_000)
    page.locator("#gan-gallery img").nth(5).click()
    page.locator("#gan-around img").wait_for(timeout=300_000)
    page.screenshot(path=screenshots / "studio-gan.png", full_page=True)

    page.get_by_role("tab", name="Diffusion").click()
    page.locator("#diffusion-start").click()
    page.wait_for_function(f"() => {value_of('#diffusion-status')}.startsWith('done')", timeout=600_000)
    page.screenshot(path=screenshots / "studio-diffusion.png", full_page=True)

    page.get_by_role("tab", name="DeepDream").click()
    page.locator("#dream-start").click()
    page.wait_for_function(f"() => {value_of('#dream-status')}.startsWith('done')", timeout=600_000)
    page.screenshot(path=screenshots / "studio-dream.png", full_page=True)
    return load, ready, first_text, latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=Path, default=Path(tempfile.gettempdir()) / "studio-runs")
    parser.add_argument("--train-minutes", type=float, default=2.0)
    parser.add_argument("--screenshots", type=Path, default=Path(tempfile.gettempdir()) / "studio-screenshots")
    parser.add_argument("--clicks", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    train_missing(args.runs, args.train_minutes)
    args.screenshots.mkdir(parents=True, exist_ok=True)
    outputs = Path(tempfile.mkdtemp())
    port = free_port()
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        started = time.perf_counter()  # with the browser already open, as a user's is
        server = subprocess.Popen([sys.executable, "-m", "genlab", "studio", "--runs", str(args.runs), "--outputs",
                                   str(outputs), "--port", str(port)])
        try:
            load, ready, first_text, latencies = measure(browser, port, started, args.clicks, args.screenshots)
        finally:
            server.terminate()
            server.wait()
            browser.close()
    print("| measure | seconds | goal |")
    print("|---|---|---|")
    print(f"| `genlab studio` to the first page load | {load:.2f} | under 10 |")
    print(f"| `genlab studio` to the Text tab's status \"ready\" (Keras imported, first run compiled) | {ready:.2f} | |")
    print(f"| Generate, once ready, to the first streamed text (8 tokens) | {first_text:.3f} | under 1 |")
    print(f"| latent-plane click to its decoded image, median of {len(latencies)} (max) | "
          f"{statistics.median(latencies):.3f} ({max(latencies):.3f}) | under 0.3 |")


if __name__ == "__main__":
    main()
