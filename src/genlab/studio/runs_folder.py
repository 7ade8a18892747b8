"""The trained runs the page may open: those under the studio's ``--runs`` folder, named by their path inside it,
or a ``.keras`` file the visitor uploads. Nothing outside the folder is reachable by name, through ``..`` or a
symbolic link, and every model is loaded by the technique's own loader, which refuses what the CLI refuses."""

from collections import OrderedDict
from pathlib import Path
from threading import Lock

from genlab.errors import GenlabError
from genlab.runs.listing import newest_first, run_paths
from genlab.runs.run import checkpoint_of, open_run
from genlab.runs.summary import summarise
from genlab.studio.uploads import named_by_visitor


class RunsFolder:
    """The runs under ``root``, and the last few models loaded from them. Runs and models are kept while their
    checkpoints are unchanged, so that a click answers, and the page's refresh lists the runs, without reading
    (and checking) every checkpoint again."""

    KEPT = 4

    def __init__(self, root):
        self.root = Path(root).resolve()
        self._loaded = OrderedDict()
        self._loading = Lock()  # a model asked for while it loads (the warm-up, a click) is loaded once
        self._opened = {}  # path → (its checkpoint's stamp, the Run read from it)

    def summaries(self):
        """(name, :class:`genlab.runs.RunSummary`) of every readable run under the folder, newest first; none if
        the folder does not exist (yet)."""
        if not self.root.is_dir():
            return []
        found = []
        for path in run_paths(self.root):
            if not path.resolve().is_relative_to(self.root):
                continue  # nor one a link leads out to
            try:
                found.append(summarise(self._open(path)))
            except (GenlabError, OSError):
                continue  # an unreadable run is not offered
        return [(self._name(summary.path), summary) for summary in newest_first(found)]

    def opened(self, name):
        """The :class:`genlab.runs.Run` called ``name``, as :func:`genlab.runs.open_run` reads it."""
        return self._open(self.path(name))

    def _open(self, path):
        stamp = _stamp(path)
        if self._opened.get(path, (None,))[0] != stamp:
            self._opened[path] = stamp, open_run(path)
        return self._opened[path][1]

    def names(self, technique=None):
        """The runs of ``technique`` (default: all) under the folder, newest first, as paths relative to it."""
        return [name for name, summary in self.summaries() if technique in (None, summary.technique)]

    def path(self, name):
        """The run called ``name`` (a path inside the folder), refused if it leads anywhere else."""
        if not name:
            raise GenlabError("choose a run (or upload a .keras file)")
        path = (self.root / name).resolve()
        if not path.is_relative_to(self.root):
            raise GenlabError(f"{name} is not a run in the studio's runs folder")
        return path

    def load(self, load, name=None, upload=None):
        """The model that ``load`` (a technique's loader) makes of the uploaded ``.keras`` file, or else of the
        run called ``name``; one line naming the file, not the server's folders, when it cannot."""
        path = Path(upload) if upload else self.path(name)
        try:
            key = (load, path, _stamp(path))
        except OSError:
            raise GenlabError(f"no such run: {path.name if upload else name}") from None
        with self._loading:
            if key not in self._loaded:
                with named_by_visitor(path, path.name if upload else name):
                    self._loaded[key] = load(path)
                while len(self._loaded) > self.KEPT:
                    self._loaded.popitem(last=False)
            self._loaded.move_to_end(key)
            return self._loaded[key]

    def _name(self, path):
        relative = Path(path).resolve().relative_to(self.root)
        return "." if relative == Path(".") else str(relative)


def _stamp(path):
    """What changes when the run at ``path`` saves a new checkpoint: the checkpoint's modification time and size
    (OSError when there is none)."""
    stat = checkpoint_of(path).stat()
    return stat.st_mtime_ns, stat.st_size
