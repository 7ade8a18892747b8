"""The README's commands, in the README's order, in one scratch folder: every one must succeed.

Each ``genlab`` line of the README's ``bash`` blocks runs as written, in process, with options appended that
shorten it (argparse keeps an option's last value): a few steps instead of minutes, small images instead of
large ones. The user's own files that the README names (``photo.jpg``, ``my_texts/``, ``faces/``, a CIFAR-10
tarball …) are made first, small. Later commands use what earlier ones wrote, so a README whose examples
reuse or miss each other's run folders fails here. Lines for other machines are left out: installs
(``pip install``) and the GPU and multi-machine examples, which set ``KERAS_BACKEND`` for a JAX process
(tests/test_distribution.py runs those on virtual devices).
"""

import contextlib
import glob
import io
import pickle
import re
import shlex
import tarfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import needs_asset, write_squares
from genlab.cli import main
from genlab.images import load_image, resize, sample_photo
from genlab.video.synthetic import write_pan_clip

README = Path(__file__).resolve().parent.parent / "README.md"

#: (start of a command, options appended to shorten it), the first match applies.
SHORTER = [
    ("text train --run runs/plays-cpu --resume", "--steps-per-epoch 2 --epochs 2"),
    ("text train", "--steps-per-epoch 2 --epochs 1 --batch-size 8 --sample-length 20 --val-fraction 0.01"),
    ("dream clip.mp4", "--steps 1 --octaves 1 --every 4"),
    ("dream", "--zoom-frames 2 --steps 2"),
    ("style train-fast painting.jpg --run runs/painting --resume --temporal", "--steps 3"),
    ("style train-fast painting.jpg --run runs/painting --resume", "--steps 2"),
    ("style train-fast", "--steps 1 --steps-per-epoch 1 --crop 32 --batch-size 1"),
    ("style apply", ""),
    ("style clip.mp4", "--height 32 --rounds 1 --evaluations 2 --every 8"),
    ("style", "--height 64 --scales 1 --rounds 2 --evaluations 2"),
    # float16 is emulated on this CPU: a few small images instead of MNIST's 10,000 held-out digits
    ("vae train --precision mixed_float16", "--minutes 0.05 --data faces/ --image-size 32 --channels 3"),
    ("vae train", "--minutes 0.02"),
    ("gan train --run runs/gan --resume", "--steps 2"),
    ("gan train", "--steps 1 --steps-per-epoch 1"),
    ("gan evaluate", "--samples 16 --feature-size 32"),
    ("diffusion train --run runs/diffusion --resume", "--steps 2"),
    ("diffusion train", "--steps 1 --steps-per-epoch 1 --widths 8,16 --block-depth 1 --batch-size 4 --sampling-steps 2"),
    ("diffusion sample", "--steps 2"),
    ("diffusion evaluate", "--samples 16 --feature-size 32 --steps 2"),
]
NOT_GENLAB = ("./quickstart.sh", "./run-tests.sh")
#: Installs and the GPU and multi-machine examples; and the studio, a server that runs until stopped
#: (tests/test_studio_browser.py starts it and drives it in a browser).
OTHER_MACHINES = ("#", "pip install", ".venv/bin/python -m pip install", "KERAS_BACKEND=", "genlab studio")


def readme_commands():
    """Every command line of the README's bash blocks, in order, without comments."""
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line and line not in NOT_GENLAB and not line.startswith(OTHER_MACHINES)]


def shortened(line):
    words = line.removeprefix("genlab ")
    command = re.sub(r"^(-[qv] +)+", "", words)  # global options may come first: -q vae grid …
    extra = next((options for start, options in SHORTER if command.startswith(start)), "")
    return f"{words} {extra}".strip()


def users_files(folder):
    """Small stand-ins for the files a user brings, named as the README names them."""
    photo = resize(load_image(sample_photo("chelsea")), (96, 128))
    painting = resize(load_image(sample_photo("immunohistochemistry")), (96, 96))
    for name, image in [("photo.jpg", photo), ("painting.jpg", painting), ("a.jpg", painting),
                        ("b.jpg", photo[:, ::-1])]:
        Image.fromarray(image.astype(np.uint8)).save(folder / name)
    (folder / "my_texts").mkdir()
    rng = np.random.default_rng(0)
    words = "the king and the queen walk to the castle at night while a ghost speaks".split()
    (folder / "my_texts" / "story.txt").write_text(
        "\n".join(" ".join(rng.choice(words, 10)) for _ in range(400)), encoding="utf-8")
    write_pan_clip(photo, folder / "clip.mp4", frames=48, size=(64, 48), fps=8)  # 6 s
    write_squares(folder / "my_photos", 4, 48)
    write_squares(folder / "faces", 48, 64)
    with tarfile.open(folder / "cifar-10-python.tar.gz", "w:gz") as archive:
        for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
            images = rng.integers(0, 256, (40, 3072), dtype=np.uint8)
            data = pickle.dumps({"data": images, "labels": [i % 10 for i in range(40)]}, protocol=4)
            member = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))


def run(line, home):
    """Run one shell-like line in process: ``> FILE`` redirects standard output, globs expand."""
    words, _, target = line.partition(" > ")
    argv = [match for word in shlex.split(words)
            for match in (sorted(glob.glob(word)) if "*" in word else [word])]
    if not target:
        return main(argv)
    output = Path(target.strip().replace("~", str(home)))
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8") as stream, contextlib.redirect_stdout(stream):
        return main(argv)


@pytest.mark.slow
@needs_asset("shakespeare")
@needs_asset("mnist")
@needs_asset("vgg16-hed")
@needs_asset("mobilenet_v2")
def test_every_readme_command_runs_in_order_in_a_fresh_folder(tmp_path, monkeypatch):
    pytest.importorskip("tf2onnx", reason="the README exports to ONNX (pip install -e '.[export]')")
    monkeypatch.chdir(tmp_path)
    users_files(tmp_path)
    commands = readme_commands()
    assert len(commands) > 40
    for line in commands:
        assert run(shortened(line), tmp_path / "home") == 0, f"README command failed: {line}"
    assert Path("runs/gan/model.onnx").is_file() and Path("runs/plays/savedmodel").is_dir()
    assert "complete" in (tmp_path / "home/.local/share/bash-completion/completions/genlab").read_text()


def test_every_readme_training_command_is_shortened():
    for line in readme_commands():
        if re.search(r"\btrain(-fast)?\b", line):
            assert shortened(line) != line.removeprefix("genlab "), f"the README test would run it in full: {line}"
