"""The studio's Text tab, called from Python: the text streams a few tokens at a time with true progress, ends
as the library's own ``generate`` would, is written to the outputs folder, and the book's temperatures come
side by side."""

from genlab import text
from genlab.studio.outputs import OutputFolder
from genlab.backend import _compiled
from genlab.studio.runs_folder import RunsFolder
from genlab.studio.text_tab import BOOK_TEMPERATURES, TOKENS_PER_PIECE, WarmUp, text_stream


def test_the_text_streams_piece_by_piece_then_is_written(tiny_runs, tmp_path):
    model = text.load(tiny_runs / "text")
    updates = list(text_stream(model, OutputFolder(tmp_path), "the", length=20, temperature=0.5, seed=3))
    shown = [texts for texts, *_ in updates]
    assert [len(piece.split()) > 0 and piece.startswith("the") for piece in shown] == [True] * len(shown)
    assert [status for _, status, _, _ in updates[:-1]] == ["8 of 20 tokens", "16 of 20 tokens", "20 of 20 tokens"]
    assert [done for *_, done in updates] == [0.4, 0.8, 1.0, 1.0]
    assert all(written is None for *_, written, _ in updates[:-1])
    final, status, written, _ = updates[-1]
    assert final == text.generate(model, "the", 20, temperature=0.5, seed=3)
    assert status.startswith("done: 20 tokens; wrote text-") and open(written, encoding="utf-8").read() == final


def test_comparing_temperatures_gives_one_text_per_temperature_and_a_file_with_each(tiny_runs, tmp_path):
    model = text.load(tiny_runs / "text")
    *_, (texts, _, written, _) = text_stream(model, OutputFolder(tmp_path), "the", length=TOKENS_PER_PIECE,
                                             temperature=list(BOOK_TEMPERATURES), seed=1)
    assert texts == text.generate(model, "the", TOKENS_PER_PIECE, temperature=list(BOOK_TEMPERATURES), seed=1)
    saved = open(written, encoding="utf-8").read()
    assert all(f"--- temperature {t:g} ---\n{sample}" in saved for t, sample in zip(BOOK_TEMPERATURES, texts))


def test_the_first_run_is_loaded_and_compiled_before_the_first_click(tiny_runs, monkeypatch):
    loads = []
    load = text.load

    def counted_load(source):
        loads.append(source)
        return load(source)

    monkeypatch.setattr(text, "load", counted_load)
    folder = RunsFolder(tiny_runs)
    warm_up = WarmUp(folder)
    status = warm_up.status()
    assert next(status).startswith("getting ready")
    warm_up.start()
    assert next(status) == WarmUp.READY and warm_up.done.is_set()  # the page's status waits for the warm-up
    assert len(loads) == 1
    model = folder.load(text.load, "text")
    assert len(loads) == 1 and _compiled.get(model)  # the click finds it loaded and its loop compiled
