"""The GAN tab: a seed gives a gallery of samples; a click on one walks around it in latent space (a looping
GIF); and the classic latent walks, side by side. Everything made is written to the outputs folder."""

from genlab.studio.libraries import gan
from genlab.studio.widgets import page_image, run_picker

#: Samples in the gallery.
GALLERY = 16


def sample_gallery(model, outputs, seed, count=GALLERY):
    """(``count`` samples for ``seed`` as uint8 images, a status line); their grid is written to the outputs."""
    grid = outputs.new("gan-samples", ".png")
    images = gan.sample(model, grid, count=count, seed=seed, report=lambda line: None)
    return [page_image(image) for image in images], f"seed {seed}; wrote {grid.name}"


def around_sample(model, outputs, seed, index):
    """(the GIF walking around sample ``index`` of ``seed``, written to the outputs; a status line)."""
    path = outputs.new(f"gan-around-{seed}-{index}", ".gif")
    gan.walk_around(model, seed, index, path)
    return str(path), f"around sample {index + 1} of seed {seed}; wrote {path.name}"


def latent_walks(model, outputs, seed, walks=8):
    """(the GIF of ``walks`` latent walks side by side, written to the outputs; a status line)."""
    path = outputs.new("gan-walks", ".gif")
    gan.interpolate(model, path, walks=walks, seed=seed, report=lambda line: None)
    return str(path), f"wrote {path.name}"


def build(gr, outputs, runs, job):
    """The tab's controls and their wiring."""
    with gr.Row():
        with gr.Column(scale=1):
            chosen, upload = run_picker(gr, runs, "gan", "gan")
            seed = gr.Number(value=0, precision=0, label="Seed", elem_id="gan-seed")
            start = gr.Button("Generate", variant="primary", elem_id="gan-start")
            walk = gr.Button("Latent walks (GIF)", elem_id="gan-walk")
            status = gr.Textbox(label="Status", interactive=False, elem_id="gan-status")
        with gr.Column(scale=2):
            gallery = gr.Gallery(label="Samples: click one to walk around it", columns=4, height="auto",
                                 allow_preview=False, elem_id="gan-gallery")
            with gr.Row():
                around = gr.Image(label="Around the chosen sample", type="filepath", interactive=False,
                                  elem_id="gan-around")
                walks = gr.Image(label="Latent walks", type="filepath", interactive=False, elem_id="gan-walks")
    shown_seed = gr.State(None)  # the seed of the samples on show, which a click refers to

    def model_of(name, uploaded):
        return runs.load(gan.load, name, uploaded)

    def generated(name, uploaded, seed):
        seed = int(seed or 0)
        images, line = sample_gallery(model_of(name, uploaded), outputs, seed)
        return images, seed, line

    def walked_around(name, uploaded, seed, event: gr.SelectData):
        if seed is None:
            return None, "generate samples first"
        return around_sample(model_of(name, uploaded), outputs, seed, event.index)

    def walked(name, uploaded, seed):
        return latent_walks(model_of(name, uploaded), outputs, int(seed or 0))

    start.click(job(generated), [chosen, upload, seed], [gallery, shown_seed, status], concurrency_id="cpu")
    gallery.select(job(walked_around), [chosen, upload, shown_seed], [around, status], concurrency_id="cpu")
    walk.click(job(walked), [chosen, upload, seed], [walks, status], concurrency_id="cpu")
