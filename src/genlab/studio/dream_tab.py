"""The DeepDream tab: a photo, a backbone and its layers, the ascent's settings. The status line follows every
step, each octave's image appears as it is finished, and the dream and its octave GIF are written to the
outputs folder for download."""

from contextlib import closing

from genlab import images
from genlab.choices import BUNDLED_BACKBONES
from genlab.images.save import to_pillow
from genlab.studio.libraries import backbones, dream
from genlab.studio.streaming import stream
from genlab.studio.uploads import bundled_photos, load_photo
from genlab.studio.widgets import job_outputs, progress_bar, start_and_stop


def dream_stream(photo, outputs, backbone="mobilenet_v2", layers="", random_layers=False, steps=20, step_size=0.01,
                 octaves=3, seed=None):
    """Dream on ``photo`` (RGB); yield ``(image, status, files, done)`` as it goes: the latest finished octave
    (None before the first), a line on where the dream is, the written PNG and GIF (last, else None) and the
    fraction of the steps done."""
    network = backbones.load_backbone(backbone) if isinstance(backbone, str) else backbone
    chosen = dream.chosen_layers(network.layer_names, (layers or "").strip() or None, random_layers, seed)
    dream.check_options(photo.shape, steps, step_size, octaves)

    def work(report):
        return dream.deep_dream(photo, backbone=network, layers=chosen, steps=steps, step_size=step_size,
                                octaves=octaves, seed=seed, progress=lambda *where: report(where),
                                on_octave=lambda octave, image: report((octave, image)))

    latest = None
    with closing(stream(work)) as reports:  # closed when this generator is, so that Stop stops the dream
        for report in reports:
            if isinstance(report, dream.Dream):
                finished = report
            elif len(report) == 2:
                latest = report[1]
                yield latest, f"octave {report[0] + 1} of {octaves} done", None, (report[0] + 1) / octaves
            else:
                octave, step, loss = report
                yield (latest, f"octave {octave + 1} of {octaves}, step {step + 1} of {steps}, loss {loss:.3f}",
                       None, (octave * steps + step + 1) / (octaves * steps))
    png = images.save_image(outputs.new("dream", ".png"), finished.image)
    frames = dream.octave_frames(photo, finished)
    gif = images.save_gif(outputs.new("dream-octaves", ".gif"), frames,
                          duration_ms=[dream.OCTAVE_FRAME_MS] * len(frames))
    layers_used = ",".join(f"{name}={weight:g}" for name, weight in finished.layers.items())
    yield finished.image, f"done: layers {layers_used}; wrote {png.name} and {gif.name}", [str(png), str(gif)], 1.0


def build(gr, outputs, job):
    """The tab's controls and their wiring (``gr`` is the gradio module; ``job`` wraps a handler for the
    queue)."""
    photos = bundled_photos()
    with gr.Row():
        with gr.Column():
            # a file, not gr.Image: the upload is decoded by genlab's safe loader, not by Gradio's
            upload = gr.File(label="Photo", file_types=["image"], type="filepath", elem_id="dream-upload")
            bundled = gr.Dropdown(photos, value="chelsea" if "chelsea" in photos else next(iter(photos), None),
                                  label="…or a bundled photo")
            backbone = gr.Dropdown(list(BUNDLED_BACKBONES), value="mobilenet_v2", label="Backbone")
            layers = gr.Textbox(label="Layers (NAME=WEIGHT,…; empty: the backbone's)", value="")
            random_layers = gr.Checkbox(label="Random layers (printed in the status)", value=False)
            steps = gr.Slider(1, 100, value=20, step=1, label="Steps per octave")
            step_size = gr.Slider(0.001, 0.1, value=0.01, label="Step size (the book's units)")
            octaves = gr.Slider(1, 6, value=3, step=1, label="Octaves")
            seed = gr.Number(value=0, precision=0, label="Seed")
            start, stop = start_and_stop(gr, "dream", "Dream")
        with gr.Column():
            shown, status, bar, files = job_outputs(gr, "dream", "Dream", downloads="Downloads (PNG, octave GIF)",
                                                    several=True)

    def run(upload, bundled, backbone, layers, random_layers, steps, step_size, octaves, seed):
        photo = load_photo(upload, bundled)
        updates = dream_stream(photo, outputs, backbone, layers, random_layers, int(steps), float(step_size),
                               int(octaves), None if seed is None else int(seed))
        with closing(updates):
            for image, line, written, done in updates:
                yield None if image is None else to_pillow(image), line, progress_bar(done), written

    event = start.click(job(run), [upload, bundled, backbone, layers, random_layers, steps, step_size, octaves, seed],
                        [shown, status, bar, files], concurrency_id="cpu")
    stop.click(None, cancels=[event])
