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


@pytest.mark.parametrize("step, label", [(500, "1"), (1500, "3"), (748, "2 (248 of 500 steps)"), (1, "1 (1 of 500 steps)")])
def test_an_epoch_is_a_whole_number_or_says_how_much_of_it_ran(step, label):
    from genlab.training.progress import epoch_label

    assert epoch_label(step, 500) == label


def test_a_message_in_mid_epoch_starts_on_a_line_of_its_own():
    from genlab.training.progress import TrainingProgress

    stream = FakeTerminal()
    progress = TrainingProgress(10, stream=stream)
    said = []
    report = progress.above_bar(said.append)
    report("time is up")
    assert stream.getvalue() == "" and said == ["time is up"]  # no bar: nothing to end
    progress.bar = object()
    report("time is up")
    assert stream.getvalue() == "\n" and said == ["time is up"] * 2


def test_a_long_epoch_in_a_log_says_how_far_it_has_come():
    from types import SimpleNamespace

    from genlab.training.progress import TrainingProgress

    stream = io.StringIO()
    progress = TrainingProgress(100, total_epochs=2, stream=stream, plain_every=(0.0, 0.0))
    progress.set_model(SimpleNamespace(optimizer=SimpleNamespace(iterations=100)))
    progress.on_epoch_begin(1)
    progress.model.optimizer.iterations = 101
    progress.on_train_batch_end(0, {"loss": 0.5})
    assert stream.getvalue() == ""  # the first step's time is compiling's too: steps are timed from its end
    progress.model.optimizer.iterations = 125
    progress.on_train_batch_end(24, {"loss": 0.25})
    line = stream.getvalue().splitlines()[-1]
    assert line.startswith("epoch 2/2 · step 125 (25 of 100) · ") and line.endswith("ms/step · loss 0.25"), line
    quiet = TrainingProgress(100, stream=io.StringIO(), quiet=True, plain_every=(0.0, 0.0))
    quiet.set_model(progress.model)
    quiet.on_epoch_begin(1)
    quiet.on_train_batch_end(25, {"loss": 0.25})
    assert quiet.stream.getvalue() == ""
