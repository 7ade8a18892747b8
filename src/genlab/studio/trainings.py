"""A training started from the page: ``genlab TECHNIQUE train`` in a child process, one at a time, writing a
new run inside the studio's runs folder; stopped as Ctrl-C stops it, so that its checkpoint is saved."""

import re
import signal
import subprocess
import sys
from collections import deque
from threading import Lock, Thread

from genlab.errors import GenlabError

#: What the page can train, and the data each trains on by default (the README's first runs).
TRAINABLE = {"text": ["--corpus", "shakespeare"], "vae": [], "gan": [], "diffusion": []}
#: A new run's name: one folder directly inside the runs folder.
RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
LOG_LINES = 20


class Training:
    """The page's training, if any: its child process and the last lines it printed."""

    def __init__(self, runs_root):
        self.runs_root = runs_root
        self._process = None
        self._lines = deque(maxlen=LOG_LINES)
        self._lock = Lock()
        self.run = None

    def start(self, technique, name, minutes, seed=None):
        """Start ``genlab TECHNIQUE train --run RUNS/NAME --minutes MINUTES`` (a new run, or resuming the
        run of that name); a GenlabError if one is already running or the request is not one the page allows."""
        if technique not in TRAINABLE:
            raise GenlabError(f"the studio trains {', '.join(TRAINABLE)}, not {technique}")
        if not RUN_NAME.fullmatch(name or ""):
            raise GenlabError(f"a run name is letters, digits, '.', '_' and '-' (a folder inside the runs folder), "
                              f"not {name!r}")
        if not minutes or minutes <= 0:
            raise GenlabError("give the training a number of minutes above 0")
        with self._lock:
            if self.running:
                raise GenlabError(f"{self.run} is still training: stop it first")
            run = self.runs_root / name
            command = [sys.executable, "-m", "genlab", technique, "train", "--run", str(run), "--minutes", str(minutes)]
            if (run / "model.keras").is_file():
                command.append("--resume")
            else:
                command += [*TRAINABLE[technique], *(["--seed", str(seed)] if seed is not None else [])]
            self.runs_root.mkdir(parents=True, exist_ok=True)
            self._lines.clear()
            self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                             errors="replace")
            self.run = name
            Thread(target=self._read, args=(self._process,), daemon=True, name="genlab-studio-training").start()

    def stop(self):
        """Stop the training as Ctrl-C does (it saves its checkpoint and exits); wait for it to finish."""
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait()

    @property
    def running(self):
        return self._process is not None and self._process.poll() is None

    def status(self):
        """A line on the training, and the last lines it printed."""
        if self._process is None:
            return "no training started from this page", ""
        code = self._process.poll()
        state = ("training" if code is None else "finished" if code == 0 else
                 _stopped(self.runs_root / self.run) if code in (130, -signal.SIGINT) else f"ended with exit code {code}")
        return f"{self.run}: {state}", "".join(self._lines)

    def _read(self, process):
        for line in process.stdout:  # plain lines: genlab draws no progress bars into a pipe
            self._lines.append(line)


def _stopped(run):
    """A training stopped as Ctrl-C stops it saves a checkpoint, unless it had not made its first step."""
    return "stopped, checkpoint saved" if (run / "model.keras").is_file() else "stopped before its first step, nothing saved"
