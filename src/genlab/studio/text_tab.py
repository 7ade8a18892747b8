"""The Text tab: a trained language model (a run, or an uploaded ``.keras`` file), a prompt and the sampling
settings. The text streams into the page as it is generated; "Compare temperatures" writes the book's
temperatures side by side. What is generated is also written to the outputs folder."""

import threading
from contextlib import closing

from genlab.errors import GenlabError
from genlab.quiet import import_keras_quietly
from genlab.studio.libraries import text
from genlab.studio.widgets import progress_bar, run_picker

#: The temperatures the book compares (Deep Learning with Python, 12.1).
BOOK_TEMPERATURES = (0.2, 0.5, 1.0, 1.2)
#: New tokens per streamed piece: small enough to look live, large enough to cost few compiled calls.
TOKENS_PER_PIECE = 8
#: The length the page offers first.
DEFAULT_LENGTH = 400


class WarmUp:
    """Keras imported, the run the tab offers first loaded and its generation compiled for the page's first
    settings, in the background, so that the first click pays for none of them (a run that cannot be loaded is
    left to the click, which says why). The page shows when it is ready.

    It starts once the page has been shown, or ``PATIENCE`` seconds after :meth:`start` if no one has opened
    it by then: importing Keras holds Python's lock for seconds on end, which would slow the page's first load.
    """

    READY = "ready"
    PATIENCE = 5.0

    def __init__(self, runs):
        self.runs = runs
        self.shown = threading.Event()
        self.done = threading.Event()

    def run(self):
        self.shown.wait(self.PATIENCE)
        try:
            import_keras_quietly()  # the backend's start-up lines kept off the terminal, as the command line does
            names = self.runs.names("text")
            if names:
                text.generate(self.runs.load(text.load, names[0]), None, DEFAULT_LENGTH, seed=0)
        except GenlabError:
            pass
        finally:
            self.done.set()

    def start(self):
        threading.Thread(target=self.run, name="genlab-studio-warm-up", daemon=True).start()

    def status(self):
        """The page's status lines while it is getting ready, then ``READY`` (the page asks once it is shown)."""
        self.shown.set()
        if not self.done.is_set():
            yield "getting ready: importing Keras, loading the first run and compiling its generation (once)"
            self.done.wait()
        yield self.READY


def text_stream(model, outputs, prompt="", length=400, temperature=1.0, top_k=0, top_p=1.0, seed=None):
    """Generate with ``model``; yield ``(texts, status, file, done)`` as it goes: the text so far (a list of
    texts for a list of temperatures), a line on where it is, the written text file (last, else None) and the
    fraction done."""
    pieces = text.stream(model, prompt or None, length, temperature, top_k, top_p, seed, every=TOKENS_PER_PIECE)
    single = not isinstance(temperature, (list, tuple))
    with closing(pieces):
        for piece, written in _counted(pieces, length):
            yield piece, f"{written:,} of {length:,} tokens", None, written / max(length, 1)
    texts = [piece] if single else piece
    path = outputs.new("text", ".txt")
    path.write_text("\n\n".join(_headed(texts, temperature, single)), encoding="utf-8")
    yield piece, f"done: {length:,} tokens; wrote {path.name}", str(path), 1.0


def _counted(pieces, length):
    """Each piece with how many tokens it holds so far: ``text.stream`` yields ``TOKENS_PER_PIECE`` more each
    time, the last piece the rest."""
    count = 0
    for piece in pieces:
        count = min(length, count + TOKENS_PER_PIECE)
        yield piece, count


def _headed(texts, temperature, single):
    if single:
        return texts
    return [f"--- temperature {t:g} ---\n{sample}" for t, sample in zip(temperature, texts)]


def build(gr, outputs, runs, job, warm_up=None):
    """The tab's controls and their wiring (``runs`` is the studio's :class:`RunsFolder`); the status shows
    ``warm_up``'s progress (a :class:`WarmUp`) when the page opens."""
    with gr.Row():
        with gr.Column():
            chosen, upload = run_picker(gr, runs, "text", "text")
            prompt = gr.Textbox(label="Prompt (empty: the start of a text)", value="", elem_id="text-prompt")
            length = gr.Slider(1, 2000, value=DEFAULT_LENGTH, step=1, label="Length (tokens)", elem_id="text-length")
            temperature = gr.Slider(0, 2, value=1.0, step=0.05, label="Temperature (0: greedy)")
            top_k = gr.Slider(0, 200, value=0, step=1, label="Top-k (0: off)")
            top_p = gr.Slider(0.01, 1, value=1.0, step=0.01, label="Top-p (1: off)")
            seed = gr.Number(value=0, precision=0, label="Seed")
            with gr.Row():
                start = gr.Button("Generate", variant="primary", elem_id="text-start")
                compare = gr.Button("Compare temperatures", elem_id="text-compare")
                stop = gr.Button("Stop", elem_id="text-stop")
        with gr.Column():
            shown = gr.Textbox(label="Text", lines=16, interactive=False, elem_id="text-output")
            with gr.Row():
                side_by_side = [gr.Textbox(label=f"temperature {t:g}", lines=12, interactive=False, min_width=120,
                                           elem_id=f"text-compare-{i}") for i, t in enumerate(BOOK_TEMPERATURES)]
            status = gr.Textbox(label="Status", interactive=False, elem_id="text-status")
            bar = gr.HTML(progress_bar(0))
            download = gr.File(label="Download", interactive=False)

    settings = [chosen, upload, prompt, length, top_k, top_p, seed]
    if warm_up is not None:
        gr.on(None, warm_up.status, None, status, concurrency_limit=None, show_progress="hidden")

    def generate(name, uploaded, prompt, length, top_k, top_p, seed, temperature):
        model = runs.load(text.load, name, uploaded)
        updates = text_stream(model, outputs, prompt, int(length), temperature, int(top_k), float(top_p),
                              None if seed is None else int(seed))
        with closing(updates):
            for texts, line, written, done in updates:
                yield texts, line, progress_bar(done), written

    def one(name, uploaded, prompt, length, top_k, top_p, seed, temperature):
        yield from generate(name, uploaded, prompt, length, top_k, top_p, seed, float(temperature))

    def several(*settings):
        for texts, line, bar_html, written in generate(*settings, list(BOOK_TEMPERATURES)):
            yield *texts, line, bar_html, written

    single = start.click(job(one), settings + [temperature], [shown, status, bar, download], concurrency_id="cpu")
    compared = compare.click(job(several), settings, side_by_side + [status, bar, download], concurrency_id="cpu")
    stop.click(None, cancels=[single, compared])
