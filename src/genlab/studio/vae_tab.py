"""The VAE tab: the latent plane of a trained VAE (MNIST's test digits where they landed, coloured by digit),
where a click decodes the point under it at once; a morph between two images; and an image moved along a
concept vector by a slider."""

import functools

from genlab.errors import GenlabError
from genlab.images import save_image
from genlab.studio.libraries import vae, vae_pictures, vae_planes
from genlab.studio.uploads import example, named_by_visitor
from genlab.studio.widgets import page_image, run_picker

#: Whether a VAE's images are MNIST's (the plane plots MNIST's test digits, so it needs a VAE that takes them).
MNIST_SHAPE = (28, 28, 1)


@functools.lru_cache(maxsize=4)
def plane_of(model):
    """The latent plane of ``model`` (drawn once per model: it encodes MNIST's 10,000 test digits)."""
    if tuple(model.image_shape) != MNIST_SHAPE:
        side, _, channels = model.image_shape
        raise GenlabError(f"the latent plane plots MNIST's test digits, but this VAE takes {side}×{side}×{channels} "
                          f"images")
    return vae_planes.latent_plane(model)


def decode_at(model, plane, x, y):
    """(the decoded image, enlarged for viewing, as uint8 (H, W) or (H, W, 3); a line naming the latent point)
    for pixel (x, y) of the plane's picture."""
    point = plane.latent_point(x, y)
    image = vae_pictures.to_pixels(model.decode(point[None]), vae_pictures.view_factor(model.image_shape))[0]
    return page_image(image), "z = (" + ", ".join(f"{value:+.2f}" for value in point) + ")"


def drag_position(text):
    """The pixel (x, y) that the page's script writes as ``"x,y"`` while the plane is dragged over."""
    try:
        x, y = (int(value) for value in text.split(","))
    except ValueError:
        raise GenlabError(f"a position on the plane is two whole numbers, x,y, not {text[:40]!r}") from None
    return x, y


def morph_file(model, outputs, start, end, frames=40):
    """The morph from ``start`` to ``end`` (examples, as :func:`genlab.studio.uploads.example` gives them) as a
    GIF written to the outputs folder; its path."""
    path = outputs.new("vae-morph", ".gif")
    with named_by_visitor(start), named_by_visitor(end):
        vae.morph(model, start, end, path, frames=frames)
    return path


def concept_image(model, outputs, image, group_a, group_b, strength):
    """``image`` and its code moved ``strength`` along the ``group_a``→``group_b`` concept vector, side by side,
    written to the outputs folder; its path."""
    path = outputs.new("vae-concept", ".png")
    with named_by_visitor(image):
        sheet = vae.concept(model, group_a, group_b, images=[image], strengths=[strength])
    return save_image(path, sheet)


def build(gr, outputs, runs, job):
    """The tab's controls and their wiring."""
    with gr.Row():
        with gr.Column(scale=1):
            chosen, upload = run_picker(gr, runs, "vae", "vae")
            show = gr.Button("Show the latent plane", variant="primary", elem_id="vae-show")
            status = gr.Textbox(label="Status", interactive=False, elem_id="vae-status")
            decoded = gr.Image(label="Decoded point (click the plane)", type="numpy", interactive=False,
                               elem_id="vae-decoded")
        with gr.Column(scale=2):
            plane_view = gr.Image(label="Latent plane: click anywhere, or drag", type="pil", interactive=False,
                                  elem_id="vae-plane")
            dragged = gr.Textbox(visible="hidden", elem_id="vae-drag")  # "x,y", written by the page's script
    with gr.Row():
        with gr.Column():
            gr.Markdown("### Morph between two images")
            start_upload = gr.File(label="From (upload)…", file_types=["image"], type="filepath")
            start_typed = gr.Textbox(label="…or an MNIST test digit", value="index:0")
            end_upload = gr.File(label="To (upload)…", file_types=["image"], type="filepath")
            end_typed = gr.Textbox(label="…or an MNIST test digit", value="index:1")
            morph = gr.Button("Morph", elem_id="vae-morph")
            morphed = gr.Image(label="Morph (GIF)", type="filepath", interactive=False, elem_id="vae-morphed")
        with gr.Column():
            gr.Markdown("### Move along a concept vector")
            image_upload = gr.File(label="Image (upload)…", file_types=["image"], type="filepath")
            image_typed = gr.Textbox(label="…or an MNIST test digit", value="index:0")
            group_a = gr.Textbox(label="From the digits", value="label:1")
            group_b = gr.Textbox(label="towards the digits", value="label:7")
            strength = gr.Slider(-3, 3, value=1, step=0.25, label="Strength (0: the reconstruction)",
                                 elem_id="vae-strength")
            moved = gr.Image(label="The image, then moved", type="filepath", interactive=False,
                             elem_id="vae-moved")

    def model_of(name, uploaded):
        return runs.load(vae.load, name, uploaded)

    def plane_picture(name, uploaded):
        return plane_of(model_of(name, uploaded)).picture, "click the plane to decode a point"

    def clicked(name, uploaded, event: gr.SelectData):
        model = model_of(name, uploaded)
        x, y = event.index
        return decode_at(model, plane_of(model), x, y)

    def dragged_to(name, uploaded, where):
        model = model_of(name, uploaded)
        return decode_at(model, plane_of(model), *drag_position(where))

    def morphed_gif(name, uploaded, start_file, start_name, end_file, end_name):
        start, end = example(start_file, start_name), example(end_file, end_name)
        return str(morph_file(model_of(name, uploaded), outputs, start, end))

    def moved_image(name, uploaded, image_file, image_name, a, b, strength):
        groups = [example(None, group, kinds=("label:",)) for group in (a, b)]
        image = example(image_file, image_name)
        return str(concept_image(model_of(name, uploaded), outputs, image, *groups, float(strength)))

    show.click(job(plane_picture), [chosen, upload], [plane_view, status], concurrency_id="cpu")
    plane_view.select(job(clicked), [chosen, upload], [decoded, status], concurrency_limit=None,
                      show_progress="hidden")
    dragged.change(job(dragged_to), [chosen, upload, dragged], [decoded, status], concurrency_limit=None,
                   trigger_mode="always_last", show_progress="hidden")
    morph.click(job(morphed_gif), [chosen, upload, start_upload, start_typed, end_upload, end_typed], morphed,
                concurrency_id="cpu")
    concept_inputs = [chosen, upload, image_upload, image_typed, group_a, group_b, strength]
    strength.release(job(moved_image), concept_inputs, moved, concurrency_id="cpu")
