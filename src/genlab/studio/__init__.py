"""genlab studio: every technique in the browser, built on the Python API alone (Gradio, ``genlab[studio]``).

    from genlab import studio
    studio.launch(runs="runs", outputs="studio-outputs", port=7860)   # http://127.0.0.1:7860, this machine only
    app = studio.build_app()                             # the Gradio Blocks, to embed or test
"""

from genlab.studio.app import build_app, exposure_warning, launch

__all__ = ["build_app", "exposure_warning", "launch"]
