"""Files a person watches while a run trains, refreshed after every epoch: the run's ``history.csv`` and
``curves.png``, and pictures of what the model makes (a GAN's samples, a VAE's latent grid)."""

import keras

from genlab.errors import first_line
from genlab.images import save_image
from genlab.training.distribution import writes_files
from genlab.training.history import write_history
from genlab.training.layout import CURVES, HISTORY, run_file


class RunFiles(keras.callbacks.Callback):
    """After each checkpoint, rewrite the run's ``history.csv`` and ``curves.png`` from the run record's
    history, the one that the checkpoint holds.

    They are a view of the run, not the run: if they cannot be written (a full disk, a file held open
    elsewhere, a plotting problem), training goes on, after one warning.
    """

    def __init__(self, checkpoint, state, title="", report=print):
        super().__init__()
        self.checkpoint = checkpoint
        self.state = state
        self.title = title
        self.report = report
        self.warned = False

    def on_epoch_end(self, epoch, logs=None):
        if not writes_files():
            return
        try:
            self.write()
        except Exception as error:  # noqa: BLE001 — any failure here must leave training running
            if not self.warned:
                self.report(f"warning: cannot update the run's history.csv or curves.png ({first_line(error)}); "
                            "training goes on")
                self.warned = True

    def write(self):
        from genlab.runs.curves import save_curves  # matplotlib loads when the first epoch ends

        write_history(run_file(self.checkpoint, HISTORY), self.state["history"])
        save_curves(run_file(self.checkpoint, CURVES), self.state["history"], self.title)


class EpochPicture(keras.callbacks.Callback):
    """After each epoch, save ``draw(model)`` (a float picture in [0, 255]) as ``folder/step_NNNNNN.png`` and
    as ``folder/latest.png``, so that the pictures of one run can be compared step by step (in process 0; the
    others draw it with it, as drawing may be a distributed computation)."""

    def __init__(self, draw, folder):
        super().__init__()
        self.draw = draw
        self.folder = folder

    def on_epoch_end(self, epoch, logs=None):
        picture = self.draw(self.model)
        if not writes_files():
            return
        save_image(self.folder / f"step_{int(self.model.optimizer.iterations):06d}.png", picture)
        save_image(self.folder / "latest.png", picture)
