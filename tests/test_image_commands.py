"""The dream and style commands end to end: real backbones when cached, one-line errors on bad photos."""

import numpy as np
import pytest
from PIL import Image

from genlab import assets
from genlab.cli import main
from genlab.images import load_image


def needs(asset):
    if not assets.is_cached(asset):
        pytest.skip(f"{asset} is not cached; run `genlab assets fetch {asset}`")


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "photo.png"
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 255, (72, 96, 3), dtype=np.uint8)).save(path)
    return path


@pytest.mark.parametrize("command", [["dream"], ["style"]])
@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "truncated"),
    (b"just some text", "not an image"),
])
def test_bad_photos_give_one_line_and_exit_2(tmp_path, capsys, command, content, problem):
    bad = tmp_path / "bad.png"
    bad.write_bytes(content)
    extra = [bad] if command == ["style"] else []
    assert main([*command, str(bad), *map(str, extra), "-o", str(tmp_path / "out.png")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("genlab: error:") and "bad.png" in lines[0], lines


@pytest.mark.assets
def test_dream_writes_the_image_every_octave_and_a_gif(tmp_path, photo):
    needs("mobilenet_v2")
    out = tmp_path / "dream.png"
    assert main(["dream", str(photo), "-o", str(out), "--steps", "2", "--octaves", "2", "--seed", "1",
                 "--save-octaves", "--gif", str(tmp_path / "dream.gif")]) == 0
    dreamed = load_image(out)
    assert dreamed.shape == (72, 96, 3) and not np.allclose(dreamed, load_image(photo), atol=2)
    assert (tmp_path / "dream-octave-0.png").exists() and (tmp_path / "dream-octave-1.png").exists()
    assert Image.open(tmp_path / "dream.gif").n_frames == 3


@pytest.mark.assets
def test_style_writes_the_result_at_the_requested_height(tmp_path, photo):
    needs("vgg16-hed")
    out = tmp_path / "style.png"
    assert main(["style", str(photo), str(photo), "-o", str(out), "--height", "48", "--iterations", "2",
                 "--evaluations", "3", "--preserve-colors"]) == 0
    assert load_image(out).shape == (48, 64, 3)
