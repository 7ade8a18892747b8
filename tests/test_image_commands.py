"""The dream and style commands end to end: real backbones when cached, one-line errors on bad photos."""

import numpy as np
import pytest
from PIL import Image

from genlab import assets
from genlab.cli import main
from genlab.images import load_image

from conftest import one_line_error


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
    assert main(["style", str(photo), str(photo), "-o", str(out), "--height", "48", "--rounds", "2",
                 "--evaluations", "3", "--preserve-colors"]) == 0
    assert load_image(out).shape == (48, 64, 3)


@pytest.fixture
def no_work(monkeypatch):
    """Make loading any network fail the test: the commands must refuse before they get that far."""
    import genlab.backbones
    import genlab.dream.dream
    import genlab.gan
    import genlab.style.fast
    import genlab.style.gatys
    import genlab.vae

    def started(*args, **kwargs):
        raise AssertionError("the command started working before refusing")

    for module in (genlab.backbones, genlab.dream.dream, genlab.style.gatys):
        monkeypatch.setattr(module, "load_backbone", started)
    for module, name in ((genlab.style.fast, "load_fast"), (genlab.style.fast, "train_fast"), (genlab.vae, "load"),
                         (genlab.gan, "sample")):
        monkeypatch.setattr(module, name, started)


@pytest.fixture
def stand_in_models(tmp_path):
    """``net.keras`` and ``run/model.keras``: the commands check that a model exists while parsing; the
    ``no_work`` fixture makes sure nothing ever loads them."""
    (tmp_path / "net.keras").write_bytes(b"")
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "model.keras").write_bytes(b"")


def test_an_input_is_never_written_over(tmp_path, capsys, photo, no_work, stand_in_models):
    before = photo.read_bytes()
    style_image = tmp_path / "style.jpg"
    Image.new("RGB", (64, 64), (200, 30, 30)).save(style_image)
    for argv in (["dream", photo, "-o", photo],
                 ["dream", photo, "-o", tmp_path / "dream.png", "--gif", tmp_path / "photo.gif", "--save-octaves"],
                 ["style", photo, style_image, "-o", photo],
                 ["style", photo, style_image, "-o", style_image],
                 ["style", "apply", tmp_path / "net.keras", photo, "-o", tmp_path / "." / "photo.png"]):
        if argv[-1] == "--save-octaves":  # the octave files of dream.png would replace an input named like them
            (tmp_path / "dream-octave-1.png").write_bytes(before)
            argv = ["dream", tmp_path / "dream-octave-1.png", *argv[2:]]
        message = one_line_error(capsys, *argv)
        assert "is an input of this command" in message, message
    assert photo.read_bytes() == before


def test_two_results_of_one_call_never_share_a_file(tmp_path, capsys, photo, no_work, stand_in_models):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "x.png", tmp_path / "b" / "x.jpg"
    Image.open(photo).save(first)
    Image.open(photo).save(second)
    message = one_line_error(capsys, "style", "apply", tmp_path / "net.keras", first, second, "-o", tmp_path / "out")
    assert "out/x.png would hold both the result for" in message and "a/x.png" in message and "b/x.jpg" in message
    assert "would hold both" in one_line_error(capsys, "dream", photo, "-o", tmp_path / "d.gif", "--gif",
                                               tmp_path / "d.gif")
    assert "would hold both" in one_line_error(capsys, "gan", "sample", tmp_path / "run", "-o", tmp_path / "w.gif",
                                               "--interpolate", tmp_path / "w.gif")


@pytest.mark.parametrize("argv, problem", [
    (["dream", "PHOTO", "-o", "OUT/out.xyz"], "must end in one of .png"),
    (["dream", "PHOTO", "-o", "OUT/ok.png", "--gif", "OUT/anim.png"], "must end in .gif"),
    (["dream", "PHOTO", "-o", "PHOTO/out.png"], "is not a folder this user can write to"),
    (["dream", "PHOTO", "-o", "OUT"], "the name must end in one of"),
    (["style", "PHOTO", "PHOTO", "-o", "OUT/s.png", "--gif", "OUT/s.webp"], "must end in .gif"),
    (["style", "PHOTO", "PHOTO", "-o", "OUT/s.png", "--blend", "0"], "blend weights"),
    (["style", "apply", "NET", "PHOTO", "-o", "PHOTO/out"], "is not a folder this user can write to"),
    (["vae", "grid", "MODEL", "-o", "OUT/grid.txt"], "must end in one of"),
    (["vae", "grid", "MODEL", "-o", "OUT/grid.png", "--low", "0.9", "--high", "0.1"], "0 < low < high < 1"),
    (["vae", "scatter", "MODEL", "-o", "OUT/scatter.jpg"], "must end in .png, .pdf, .svg"),
    (["vae", "morph", "MODEL", "index:0", "index:1", "-o", "OUT/morph.png"], "must end in .gif"),
    (["vae", "concept", "MODEL", "label:1", "label:7", "-o", "OUT/concept.gif.txt"], "must end in one of"),
    (["gan", "sample", "MODEL", "-o", "PHOTO/digits"], "is not a folder this user can write to"),
    (["gan", "sample", "MODEL", "--interpolate", "OUT/walk.png"], "must end in .gif"),
])
def test_every_output_name_is_checked_before_any_work(tmp_path, capsys, photo, no_work, stand_in_models, argv,
                                                     problem):
    names = {"PHOTO": str(photo), "OUT": str(tmp_path / "out"), "NET": str(tmp_path / "net.keras"),
             "MODEL": str(tmp_path / "run")}
    argv = [arg.replace(arg.split("/")[0], names[arg.split("/")[0]], 1) if arg.split("/")[0] in names else arg
            for arg in argv]
    assert problem in one_line_error(capsys, *argv)
    assert not (tmp_path / "out").exists()
