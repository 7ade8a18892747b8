"""The Style tab: Gatys' transfer of one or more styles, blended, onto a photo, each L-BFGS round's image shown
as it finishes; and a trained fast-style network applied to a photo in one pass. Results are written to the
outputs folder."""

from contextlib import closing

from genlab import images
from genlab.errors import GenlabError
from genlab.images.save import to_pillow
from genlab.studio.libraries import style
from genlab.studio.streaming import stream
from genlab.studio.uploads import bundled_photos, load_photo
from genlab.studio.widgets import job_outputs, progress_bar, run_picker, start_and_stop

#: The bundled photo offered as a style by default (a stained tissue section: a strong, painterly texture).
DEFAULT_STYLE = "immunohistochemistry"


def load_fast(path):
    """The fast network at ``path``, loaded without printing the note on a briefly trained one to the server's
    output."""
    return style.load_fast(path, report=lambda line: None)


def blend_weights(text, count):
    """``"1,2"`` → [1.0, 2.0] for ``count`` styles; empty → equal weights."""
    if not (text or "").strip():
        return None
    try:
        weights = [float(part) for part in text.split(",")]
    except ValueError:
        raise GenlabError(f"blend weights are numbers separated by commas, not {text!r}") from None
    if len(weights) != count:
        raise GenlabError(f"{len(weights)} blend weights for {count} styles: give one per style")
    return weights


def transfer_stream(photo, styles, outputs, blend=None, rounds=10, height=256, preserve_colors=False, seed=0,
                    backbone="vgg16"):
    """Paint ``photo`` in ``styles``; yield ``(image, status, file, done)`` as it goes: the latest round's image
    (None before the first), a line on where it is, the written PNG (last, else None) and the fraction done."""
    style.check_options(len(styles), blend, height, rounds)

    def work(report):
        return style.transfer(photo, styles, blend=blend, backbone=backbone, height=height, rounds=rounds,
                              preserve_colors=preserve_colors, seed=seed,
                              on_round=lambda index, image: report((index, image)),
                              progress=lambda index, loss, evaluations: report(loss))

    latest = None
    with closing(stream(work)) as reports:
        for report in reports:
            if isinstance(report, tuple):
                index, latest = report
                yield latest, f"round {index + 1} of {rounds} done", None, (index + 1) / rounds
            elif isinstance(report, float):
                loss = report
            else:
                finished = report
    path = images.save_image(outputs.new("style", ".png"), finished.image)
    yield finished.image, f"done: {rounds} rounds, loss {loss:.4g}; wrote {path.name}", str(path), 1.0


def fast_applied(network, photo, outputs):
    """(``photo`` stylised by the fast ``network`` in one pass, a status line); the result is written."""
    result = style.apply_fast(network, photo, report=lambda line: None)
    path = images.save_image(outputs.new("fast-style", ".png"), result)
    return result, f"wrote {path.name}"


def build(gr, outputs, runs, job):
    """The tab's controls and their wiring."""
    photos = bundled_photos()
    first = "chelsea" if "chelsea" in photos else next(iter(photos), None)
    with gr.Row():
        with gr.Column():
            gr.Markdown("### Gatys: any style, optimised")
            content_upload = gr.File(label="Photo", file_types=["image"], type="filepath", height=110,
                                     elem_id="style-upload")
            content_bundled = gr.Dropdown(photos, value=first, label="…or a bundled photo")
            style_uploads = gr.File(label="Styles (one or more)", file_types=["image"], type="filepath",
                                    file_count="multiple", height=110)
            style_bundled = gr.Dropdown(photos, value=DEFAULT_STYLE if DEFAULT_STYLE in photos else first,
                                        label="…or a bundled picture as the style")
            blend = gr.Textbox(label="Blend weights (W1,W2,… one per style; empty: equal)", value="")
            rounds = gr.Slider(1, 50, value=10, step=1, label="Rounds (L-BFGS)", elem_id="style-rounds")
            height = gr.Slider(64, 1024, value=256, step=16, label="Height (pixels)", elem_id="style-height")
            preserve = gr.Checkbox(label="Preserve the photo's colours", value=False)
            seed = gr.Number(value=0, precision=0, label="Seed")
            start, stop = start_and_stop(gr, "style", "Stylise")
        with gr.Column():
            shown, status, bar, download = job_outputs(gr, "style", "Stylised")
    with gr.Row():
        with gr.Column():
            gr.Markdown("### Fast style: a trained network, one pass")
            chosen, upload = run_picker(gr, runs, "style", "fast")
            fast_photo = gr.File(label="Photo", file_types=["image"], type="filepath", height=110)
            fast_bundled = gr.Dropdown(photos, value=first, label="…or a bundled photo")
            apply = gr.Button("Apply", variant="primary", elem_id="fast-start")
        with gr.Column():
            fast_shown = gr.Image(label="Stylised in one pass", type="pil", interactive=False, elem_id="fast-image")
            fast_status = gr.Textbox(label="Status", interactive=False, elem_id="fast-status")

    def stylised(content_file, content_name, style_files, style_name, blend, rounds, height, preserve, seed):
        photo = load_photo(content_file, content_name)
        styles = [load_photo(path) for path in style_files or []] or [load_photo(None, style_name)]
        updates = transfer_stream(photo, styles, outputs, blend_weights(blend, len(styles)), int(rounds),
                                  int(height), bool(preserve), int(seed or 0))
        with closing(updates):
            for image, line, written, done in updates:
                yield None if image is None else to_pillow(image), line, progress_bar(done), written

    def applied(name, uploaded, photo_file, photo_name):
        network = runs.load(load_fast, name, uploaded)
        result, line = fast_applied(network, load_photo(photo_file, photo_name), outputs)
        return to_pillow(result), line

    event = start.click(job(stylised), [content_upload, content_bundled, style_uploads, style_bundled, blend, rounds,
                                        height, preserve, seed], [shown, status, bar, download], concurrency_id="cpu")
    stop.click(None, cancels=[event])
    apply.click(job(applied), [chosen, upload, fast_photo, fast_bundled], [fast_shown, fast_status],
                concurrency_id="cpu")
