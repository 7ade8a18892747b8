"""Small pieces of page that every tab uses."""

import numpy as np


def progress_bar(done):
    """HTML for a bar ``done`` (0..1) of the way along, for a job whose outputs stream (Gradio draws its own
    bar only until a streaming job's first result arrives)."""
    return f'<progress value="{done:.3f}" max="1" style="width:100%">{done:.0%}</progress>'


def run_picker(gr, runs, technique, prefix):
    """A choice of the ``technique``'s runs under the studio's runs folder, refreshed on demand, and an upload
    for a ``.keras`` file instead; returns (the choice, the upload). Element ids start with ``prefix``."""
    names = runs.names(technique)
    with gr.Row():
        chosen = gr.Dropdown(names, value=next(iter(names), None), label=f"Run (in {runs.root})", scale=4,
                             elem_id=f"{prefix}-run")
        refresh = gr.Button("↻ runs", scale=1, size="sm")
    upload = gr.File(label="…or a .keras file", file_types=[".keras"], type="filepath", height=110,
                     elem_id=f"{prefix}-upload")

    def refreshed(current):
        names = runs.names(technique)
        return gr.Dropdown(choices=names, value=current if current in names else next(iter(names), None))

    refresh.click(refreshed, chosen, chosen)
    return chosen, upload


def start_and_stop(gr, prefix, label):
    """A row of the primary button that starts a tab's long job and the Stop button that cancels it."""
    with gr.Row():
        start = gr.Button(label, variant="primary", elem_id=f"{prefix}-start")
        stop = gr.Button("Stop", elem_id=f"{prefix}-stop")
    return start, stop


def job_outputs(gr, prefix, image_label, image_type="pil", downloads="Download", several=False):
    """Where a long job shows itself: its latest image, a status line, a progress bar and its downloads;
    returns (image, status, bar, downloads)."""
    shown = gr.Image(label=image_label, type=image_type, interactive=False, elem_id=f"{prefix}-image")
    status = gr.Textbox(label="Status", interactive=False, elem_id=f"{prefix}-status")
    bar = gr.HTML(progress_bar(0), elem_id=f"{prefix}-progress")
    files = gr.File(label=downloads, file_count="multiple" if several else "single", interactive=False)
    return shown, status, bar, files


def page_image(image):
    """A float image in [0, 255] as the page's image components take it: uint8, and a grey image as (H, W)
    (they refuse a single channel)."""
    pixels = np.clip(np.asarray(image), 0, 255).astype(np.uint8)
    return pixels[..., 0] if pixels.ndim == 3 and pixels.shape[-1] == 1 else pixels
