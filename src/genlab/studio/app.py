"""The studio's page: one tab per technique, long jobs through one queue, one at a time by default."""

import functools
import inspect
from contextlib import contextmanager

from genlab.errors import GenlabError
from genlab.studio import diffusion_tab, dream_tab, gan_tab, runs_tab, style_tab, text_tab, vae_tab
from genlab.studio.outputs import OutputFolder
from genlab.studio.page_script import PAGE_SCRIPT
from genlab.studio.runs_folder import RunsFolder

LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: The largest upload the server accepts, before genlab's own decoder checks what it holds.
UPLOAD_LIMIT = "50mb"


def build_app(runs="runs", outputs="studio-outputs", jobs_at_once=1, warm_up=None):
    """The studio as a Gradio ``Blocks`` app offering the trained runs under ``runs`` (a folder, or a
    :class:`RunsFolder`) and writing what it makes to ``outputs``; ``jobs_at_once`` long jobs run together,
    the others wait in the queue (default 1). The Text tab's status follows ``warm_up`` (a
    :class:`text_tab.WarmUp`) when the page opens.

    Building the page imports no Keras (the tabs' handlers import the libraries when first used): the page is
    served in seconds, and ``launch`` imports Keras in the background once it is."""
    gr = _gradio()
    folder = OutputFolder(outputs)
    trained = runs if isinstance(runs, RunsFolder) else RunsFolder(runs)
    job = _job(gr)
    with gr.Blocks(title="genlab studio", analytics_enabled=False) as app:
        gr.Markdown(f"# genlab studio\nRuns from `{trained.root}`; results are written to `{folder.root}`.")
        with gr.Tab("Text", id="text"):
            text_tab.build(gr, folder, trained, job, warm_up)
        with gr.Tab("DeepDream", id="dream"):
            dream_tab.build(gr, folder, job)
        with gr.Tab("Style", id="style"):
            style_tab.build(gr, folder, trained, job)
        with gr.Tab("VAE", id="vae"):
            vae_tab.build(gr, folder, trained, job)
        with gr.Tab("GAN", id="gan"):
            gan_tab.build(gr, folder, trained, job)
        with gr.Tab("Diffusion", id="diffusion"):
            diffusion_tab.build(gr, folder, trained, job)
        with gr.Tab("Runs", id="runs"):
            runs_tab.build(gr, trained, job)
    app.queue(default_concurrency_limit=jobs_at_once)
    return app


def launch(runs="runs", outputs="studio-outputs", host="127.0.0.1", port=7860, block=True, report=print):
    """Serve the studio on ``host:port`` (this machine only by default, never through a public tunnel) and
    ``report`` its address; return the app. ``block=False`` returns at once, leaving the server running in
    the background (``app.close()`` stops it). Once the page is first shown (or a few seconds after it listens),
    Keras is imported and the Text tab's first run loaded and compiled in the background, ready for the first
    click; the tab's status says when (:class:`text_tab.WarmUp`)."""
    trained = RunsFolder(runs)
    warm_up = text_tab.WarmUp(trained)
    app = build_app(trained, outputs, warm_up=warm_up)
    try:
        app.launch(server_name=host, server_port=port, prevent_thread_lock=True, show_error=False, quiet=True,
                   share=False, max_file_size=UPLOAD_LIMIT, js=PAGE_SCRIPT, allowed_paths=[str(OutputFolder(outputs).root)])
    except OSError as error:
        raise GenlabError(f"cannot listen on {host} port {port}: {error.strerror or error}") from None
    warm_up.start()
    address = f"[{host}]" if ":" in host else host
    report(f"genlab studio on http://{address}:{port} (Ctrl-C stops it)")
    if block:
        app.block_thread()
    return app


def exposure_warning(host):
    """The warning that ``host`` makes the studio reachable from other machines, or None for this machine."""
    if host in LOOPBACK:
        return None
    return (f"warning: the studio listens on {host}: anyone who can reach this machine on the network can use it, "
            f"run jobs on its CPU and download what the studio writes")


def _gradio():
    try:
        import gradio
    except ImportError:
        raise GenlabError("the studio needs Gradio: pip install 'genlab[studio]'") from None
    return gradio


def _job(gr):
    """Wrap a handler (a function, or a generator that streams) so that genlab's one-line errors show in the page
    as that line."""

    def wrap(handler):
        if inspect.isgeneratorfunction(handler):
            @functools.wraps(handler)
            def streamed(*args, **kwargs):
                with one_line_errors():
                    yield from handler(*args, **kwargs)

            return streamed

        @functools.wraps(handler)
        def answered(*args, **kwargs):
            with one_line_errors():
                return handler(*args, **kwargs)

        return answered

    @contextmanager
    def one_line_errors():
        try:
            yield
        except GenlabError as error:
            raise gr.Error(str(error), print_exception=False) from None

    return wrap
