"""The Diffusion tab: class, guidance, sampler and steps; the denoising streams into the page step by step (the
noisy images beside the model's estimate of the clean ones), and the samples and the denoising GIF are written
to the outputs folder."""

from contextlib import closing

from genlab.choices import SAMPLERS
from genlab.images import save_gif
from genlab.images.signed import to_signed
from genlab.studio.libraries import diffusion, diffusion_frames
from genlab.studio.streaming import stream
from genlab.studio.widgets import job_outputs, page_image, progress_bar, run_picker, start_and_stop

#: The class choice meaning none in particular: a class-conditional model draws the classes in turn.
ANY_CLASS = "any"
#: How long each step of the denoising GIF shows, and its last frame (the samples).
STEP_MS, LAST_MS = 150, 2000


def denoising_stream(model, outputs, label=None, guidance=1.0, sampler="ddim", steps=20, count=16, seed=0):
    """Sample ``count`` images; yield ``(frame, status, files, done)`` as it goes: the latest frame of the
    denoising, a line on where it is, the written samples and denoising GIF (last, else None) and the fraction
    done."""
    grid = outputs.new("diffusion-samples", ".png")

    def work(report):
        return diffusion.sample(model, grid, count=count, seed=seed, label=label, guidance=guidance, sampler=sampler,
                                steps=steps, report=lambda line: None,
                                on_step=lambda step, noisy, estimate: report((step, diffusion_frames.denoising_frame(noisy, estimate))))

    frames = []
    with closing(stream(work)) as reports:
        for report in reports:
            if isinstance(report, tuple):
                frames.append(report[1])
                yield report[1], f"step {len(frames)} of {steps}", None, len(frames) / steps
            else:
                samples = report
    final = to_signed(samples / 255.0)  # the samples come as pixels in [0, 255]
    frames.append(diffusion_frames.denoising_frame(final, final))
    gif = save_gif(outputs.new("diffusion-denoising", ".gif"), frames,
                   duration_ms=[STEP_MS] * (len(frames) - 1) + [LAST_MS])
    yield frames[-1], f"done: {steps} steps of {sampler}; wrote {grid.name} and {gif.name}", [str(grid), str(gif)], 1.0


def class_choices(classes):
    """What the class control offers for a model of ``classes`` classes: any, then each class (0 or None:
    unconditional, any only)."""
    return [ANY_CLASS] + [str(label) for label in range(classes or 0)]


def first_run_classes(runs):
    """The classes of the diffusion run the tab offers first, from its run record (no model is loaded); 0 if
    there is none."""
    names = runs.names("diffusion")
    return runs.opened(names[0]).record["classes"] if names else 0


def build(gr, outputs, runs, job):
    """The tab's controls and their wiring."""
    with gr.Row():
        with gr.Column():
            chosen, upload = run_picker(gr, runs, "diffusion", "diffusion")
            label = gr.Dropdown(class_choices(first_run_classes(runs)), value=ANY_CLASS,
                                label="Class (for a class-conditional run)", elem_id="diffusion-class")
            guidance = gr.Slider(0, 8, value=1.0, step=0.25, label="Guidance (0: unconditional, 1: conditional)")
            sampler = gr.Dropdown(list(SAMPLERS), value=SAMPLERS[0], label="Sampler")
            steps = gr.Slider(2, 100, value=20, step=1, label="Steps", elem_id="diffusion-steps")
            count = gr.Slider(1, 64, value=16, step=1, label="Images")
            seed = gr.Number(value=0, precision=0, label="Seed")
            start, stop = start_and_stop(gr, "diffusion", "Generate")
        with gr.Column():
            shown, status, bar, files = job_outputs(
                gr, "diffusion", "Denoising: noisy images | estimate of the clean ones", "numpy",
                "Downloads (samples, denoising GIF)", several=True)

    def generated(name, uploaded, label, guidance, sampler, steps, count, seed):
        model = runs.load(diffusion.load, name, uploaded)
        updates = denoising_stream(model, outputs, None if label == ANY_CLASS else int(label), float(guidance),
                                   sampler, int(steps), int(count), int(seed or 0))
        with closing(updates):
            for frame, line, written, done in updates:
                yield page_image(frame), line, progress_bar(done), written

    def classes_of(name, uploaded):
        choices = class_choices(runs.load(diffusion.load, name, uploaded).classes)
        return gr.Dropdown(choices=choices, value=ANY_CLASS)

    event = start.click(job(generated), [chosen, upload, label, guidance, sampler, steps, count, seed],
                        [shown, status, bar, files], concurrency_id="cpu")
    stop.click(None, cancels=[event])
    chosen.change(job(classes_of), [chosen, upload], label)
