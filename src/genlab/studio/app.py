"""The studio's page: one tab per technique, long jobs through one queue, one at a time by default."""

import functools

from genlab.errors import GenlabError
from genlab.studio import dream_tab
from genlab.studio.outputs import OutputFolder

LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: The largest upload the server accepts, before genlab's own decoder checks what it holds.
UPLOAD_LIMIT = "50mb"


def build_app(outputs="studio-outputs", jobs_at_once=1):
    """The studio as a Gradio ``Blocks`` app writing what it makes to ``outputs``; ``jobs_at_once`` long jobs
    run together, the others wait in the queue (default 1)."""
    gr = _gradio()
    folder = OutputFolder(outputs)
    with gr.Blocks(title="genlab studio", analytics_enabled=False) as app:
        gr.Markdown(f"# genlab studio\nResults are written to `{folder.root}`.")
        with gr.Tab("DeepDream", id="dream"):
            dream_tab.build(gr, folder, _job(gr))
    app.queue(default_concurrency_limit=jobs_at_once)
    return app


def launch(outputs="studio-outputs", host="127.0.0.1", port=7860, block=True, report=print):
    """Serve the studio on ``host:port`` (this machine only by default, never through a public tunnel) and
    ``report`` its address; return the app. ``block=False`` returns at once, leaving the server running in
    the background (``app.close()`` stops it)."""
    app = build_app(outputs)
    try:
        app.launch(server_name=host, server_port=port, prevent_thread_lock=True, show_error=False, quiet=True,
                   share=False, max_file_size=UPLOAD_LIMIT, allowed_paths=[str(OutputFolder(outputs).root)])
    except OSError as error:
        raise GenlabError(f"cannot listen on {host} port {port}: {error.strerror or error}") from None
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
    """Wrap a handler (a generator) so that genlab's one-line errors show in the page as that line."""

    def wrap(handler):
        @functools.wraps(handler)
        def run(*args, **kwargs):
            try:
                yield from handler(*args, **kwargs)
            except GenlabError as error:
                raise gr.Error(str(error), print_exception=False) from None

        return run

    return wrap
