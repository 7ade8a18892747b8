"""The image generators (DCGAN, diffusion) share their training data options and checks: each bad choice is
one line and exit code 2, with nothing left behind."""

import pytest

from conftest import one_line_error, write_squares


@pytest.mark.parametrize("technique", ["gan", "diffusion"])
@pytest.mark.parametrize("args, message", [
    (["--data", "EMPTY", "--image-size", "16"], "no images"),
    (["--data", "FOLDER", "--image-size", "18"], "divisible by 4"),
    (["--class", "frog"], "--class needs --cifar10"),
    (["--cifar10", "missing.tar.gz", "--class", "frog"], "not found"),
])
def test_bad_training_data_is_one_line_and_exit_2(tmp_path, technique, args, message, capsys):
    (tmp_path / "empty").mkdir()
    folder = write_squares(tmp_path / "images", 12, 20)
    args = [str(tmp_path / "empty") if a == "EMPTY" else str(folder) if a == "FOLDER" else a for a in args]
    assert message in one_line_error(capsys, technique, "train", "--run", tmp_path / "run", "--steps", "1", *args)
    assert not (tmp_path / "run").exists()
