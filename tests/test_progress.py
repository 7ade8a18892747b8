import io

import pytest

from genlab.progress import PlainProgress, format_figure, is_terminal, progress_bar


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_output_that_is_not_a_terminal_gets_plain_lines_without_escape_codes():
    stream = io.StringIO()
    bar = progress_bar(60, "step", stateful=["loss"], lines=3, stream=stream)
    assert isinstance(bar, PlainProgress)
    for step in range(1, 61):
        bar.update(step, [("loss", 0.5)])
    assert stream.getvalue().splitlines() == ["step 20/60 · loss 0.5", "step 40/60 · loss 0.5", "step 60/60 · loss 0.5"]
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue() and "\b" not in stream.getvalue()


def test_no_color_turns_a_terminal_plain_too(monkeypatch):
    assert is_terminal(FakeTerminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not is_terminal(FakeTerminal())


@pytest.mark.parametrize("value, text", [(63.0, "63"), (0.123456, "0.1235"), (2.5e-7, "2.5e-07")])
def test_figures_are_not_padded_with_zeros(value, text):
    assert format_figure(value) == text
