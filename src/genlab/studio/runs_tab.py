"""The Runs tab: every run under the studio's runs folder with its technique, preset, steps, time and best
held-out figure; a chosen run's settings, loss curves and latest samples; all refreshed every few seconds while
the tab is open. A training can be started here with a minutes budget, watched, and stopped as Ctrl-C stops it
(its checkpoint is saved)."""

from genlab import runs
from genlab.runs.show import NOT_SETTINGS
from genlab.studio.trainings import TRAINABLE, Training
from genlab.training.layout import CURVES, run_file

COLUMNS = ["run", "technique", "preset", "steps", "minutes", "best held-out"]
REFRESH_SECONDS = 5


def run_table(summaries):
    """One row per run in ``COLUMNS``' order, from ``RunsFolder.summaries()``."""
    return [[name, summary.technique, summary.preset or "", summary.steps, round(summary.seconds / 60, 1),
             str(summary.best) if summary.best else ""] for name, summary in summaries]


def run_view(folder, name):
    """(the run's settings, its curves picture or None, its latest picture or None, its latest text or "") for
    the run called ``name`` in ``folder``; nothing for no name."""
    if not name:
        return {}, None, None, ""
    opened = folder.opened(name)
    settings = {key: value for key, value in opened.record.items() if key not in NOT_SETTINGS}
    curves = run_file(opened.checkpoint, CURVES)
    samples = runs.latest_samples(opened.path)
    picture = str(samples) if samples and samples.suffix == ".png" else None
    text = samples.read_text(encoding="utf-8", errors="replace")[-3000:] if samples and not picture else ""
    return settings, str(curves) if curves.is_file() else None, picture, text


def build(gr, runs_folder, job):
    """The tab's controls and their wiring."""
    training = Training(runs_folder.root)
    with gr.Row():
        table = gr.Dataframe(run_table(runs_folder.summaries()), headers=COLUMNS, interactive=False, label="Runs",
                             elem_id="runs-table")
    with gr.Row():
        with gr.Column():
            chosen = gr.Dropdown(runs_folder.names(), label="Run", elem_id="runs-run")
            settings = gr.JSON(label="Settings")
        with gr.Column():
            curves = gr.Image(label="Curves", type="filepath", interactive=False, elem_id="runs-curves")
            picture = gr.Image(label="Latest samples", type="filepath", interactive=False)
            text = gr.Textbox(label="Latest samples", lines=8, interactive=False)
    with gr.Row():
        with gr.Column():
            gr.Markdown("### Train")
            technique = gr.Dropdown(list(TRAINABLE), value="vae", label="Technique (on MNIST; text on Shakespeare)")
            name = gr.Textbox(label="Run name (a folder in the runs folder; an existing run resumes)",
                              value="studio-vae", elem_id="runs-name")
            minutes = gr.Number(value=5, label="Minutes", elem_id="runs-minutes")
            with gr.Row():
                start = gr.Button("Start training", variant="primary", elem_id="runs-start")
                stop = gr.Button("Stop (saves the checkpoint)", elem_id="runs-stop")
        with gr.Column():
            status = gr.Textbox(label="Training", interactive=False, elem_id="runs-status")
            log = gr.Textbox(label="Its output", lines=10, interactive=False, elem_id="runs-log")
    timer = gr.Timer(REFRESH_SECONDS)

    def refreshed(current):
        found = runs_folder.summaries()
        names = [name for name, _ in found]
        current = current if current in names else None
        return (run_table(found), gr.Dropdown(choices=names, value=current), *run_view(runs_folder, current),
                *training.status())

    def started(technique, name, minutes):
        training.start(technique, (name or "").strip(), float(minutes or 0))
        return training.status()

    def stopped():
        training.stop()
        return training.status()

    chosen.change(job(lambda current: run_view(runs_folder, current)), chosen, [settings, curves, picture, text])
    timer.tick(job(refreshed), chosen, [table, chosen, settings, curves, picture, text, status, log],
               show_progress="hidden")
    start.click(job(started), [technique, name, minutes], [status, log])
    stop.click(job(stopped), None, [status, log])
