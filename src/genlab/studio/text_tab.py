"""The Text tab: a trained language model (a run, or an uploaded ``.keras`` file), a prompt and the sampling
settings. The text streams into the page as it is generated; "Compare temperatures" writes the book's
temperatures side by side. What is generated is also written to the outputs folder."""

from contextlib import closing

from genlab import text
from genlab.errors import GenlabError
from genlab.studio.widgets import progress_bar, run_picker

#: The temperatures the book compares (Deep Learning with Python, 12.1).
BOOK_TEMPERATURES = (0.2, 0.5, 1.0, 1.2)
#: New tokens per streamed piece: small enough to look live, large enough to cost few compiled calls.
TOKENS_PER_PIECE = 8
#: The length the page offers first.
DEFAULT_LENGTH = 400


def warm_up(runs):
    """Load the run the tab offers first and compile its generation for the page's first settings, so that
    the first click pays for neither (run in the background while the page loads; a run that cannot be
    loaded is left to the click, which says why)."""
    names = runs.names("text")
    if names:
        try:
            text.generate(runs.load(text.load, names[0]), None, DEFAULT_LENGTH, seed=0)
        except GenlabError:
            pass


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


def build(gr, outputs, runs, job):
    """The tab's controls and their wiring (``runs`` is the studio's :class:`RunsFolder`)."""
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
                side_by_side = [gr.Textbox(label=f"temperature {t:g}", lines=12, interactive=False,
                                           elem_id=f"text-compare-{i}") for i, t in enumerate(BOOK_TEMPERATURES)]
            status = gr.Textbox(label="Status", interactive=False, elem_id="text-status")
            bar = gr.HTML(progress_bar(0))
            download = gr.File(label="Download", interactive=False)

    settings = [chosen, upload, prompt, length, top_k, top_p, seed]

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
