"""Run by test_backends.py in a child process with KERAS_BACKEND set: ``python text_on_backend.py RUN -- TRAIN
OPTIONS`` runs ``genlab text train`` with them, resumes it for a second epoch and generates from it, all in this
one process (one import of the backend instead of three), and prints one JSON line: each command's exit code
and what it printed."""

import contextlib
import io
import json
import sys

from genlab.cli import main


def run(*argv):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main([str(arg) for arg in argv])
    return {"code": code, "stdout": printed.getvalue()}


def text_on_backend(run_folder, train_options):
    return {
        "first": run("text", "train", "--run", run_folder, *train_options, "--epochs", 1),
        "resumed": run("text", "train", "--run", run_folder, "--resume", "--epochs", 2),
        "generated": run("text", "generate", f"{run_folder}/model.keras", "--prompt", "the king", "--length", 40,
                         "--seed", 3),
    }


if __name__ == "__main__":
    print(json.dumps(text_on_backend(sys.argv[1], sys.argv[3:])))
