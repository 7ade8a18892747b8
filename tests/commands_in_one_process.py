"""Run by tests in a child process whose environment they choose (a Keras backend, virtual devices):
``python commands_in_one_process.py JSON`` runs each ``genlab`` command line of the JSON list in this one
process, in order (one import of the backend instead of one per command), and prints one JSON line: for each,
its exit code and what it wrote to standard output and standard error."""

import contextlib
import io
import json
import sys

from genlab.cli import main


def run(argv):
    printed, errors = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(errors):
        code = main([str(arg) for arg in argv])
    return {"code": code, "stdout": printed.getvalue(), "stderr": errors.getvalue()}


if __name__ == "__main__":
    print(json.dumps([run(argv) for argv in json.loads(sys.argv[1])]))
