"""Damaged and hostile model files: every command that loads one refuses it with one line and exit 2.

A real tiny model of each technique is saved once; each test copies it with one member (or the whole file)
damaged, and runs a loading command in-process.
"""

import json
import shutil
import tracemalloc
import warnings
import zipfile

import numpy as np
import pytest
from PIL import Image

from genlab import diffusion, gan, text, vae
from genlab.cli import main
from genlab.style.fast import build_trainer
from genlab.training.checkpoint import save_checkpoint
from genlab.training.archive_checks import RANDOM_MEMBER, STATE_MEMBER

from conftest import run_cli

QUIET = lambda *_: None  # noqa: E731
SHOWN_WARNINGS = (UserWarning, RuntimeWarning, FutureWarning, SyntaxWarning, UnicodeWarning, BytesWarning)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """``{technique: (model file, function from a model file to the argv of a command that loads it)}``."""
    root = tmp_path_factory.mktemp("models")
    corpus = root / "corpus.txt"
    rng = np.random.default_rng(0)
    corpus.write_text("\n".join(" ".join(rng.choice(["the", "king", "and", "a", "ghost"], 8)) for _ in range(60)))
    text.train(run=root / "text", corpus=str(corpus), epochs=1, units=8, context=10, batch_size=4, steps_per_epoch=1,
               sample_length=2, seed=1, report=QUIET)
    images = root / "images"
    images.mkdir()
    for index in range(12):
        Image.fromarray(rng.integers(0, 255, (16, 16, 3), dtype=np.uint8)).save(images / f"{index}.png")
    vae.train(run=root / "vae", data=images, image_size=8, channels=1, batch_size=8, epochs=1, seed=1, report=QUIET)
    gan.train(run=root / "gan", data=images, image_size=16, steps=1, steps_per_epoch=1, batch_size=4, latent_dim=4,
              seed=1, report=QUIET)
    diffusion.train(run=root / "diffusion", data=images, image_size=16, steps=1, steps_per_epoch=1, batch_size=4,
                    widths=[4, 8], block_depth=1, sampling_steps=1, seed=1, report=QUIET)
    state = {"style": str(images / "0.png"), "images": str(images), "crop": 16, "batch_size": 1,
             "weights": [1.0, 5.0, 0.01], "style_size": 16, "precision": "float32", "seed": 1, "history": [],
             "step": 0}
    save_checkpoint(build_trainer(width=4, residual_blocks=1), root / "fast.keras", state)
    out = root / "out"
    return {
        "text": (root / "text" / "model.keras", lambda m: ["text", "generate", m, "--length", "2", "--seed", "0"]),
        "vae": (root / "vae" / "model.keras", lambda m: ["vae", "grid", m, "-o", out / "grid.png", "--size", "2"]),
        "gan": (root / "gan" / "model.keras", lambda m: ["gan", "sample", m, "-o", out / "gan.png", "--count", "1"]),
        "fast": (root / "fast.keras", lambda m: ["style", "apply", m, images / "0.png", "-o", out / "fast.png"]),
        "diffusion": (root / "diffusion" / "model.keras",
                      lambda m: ["diffusion", "sample", m, "-o", out / "diffusion.png", "--count", "1", "--steps", "1"]),
    }


def run(capsys, argv):
    """(exit status, the lines a user would see on standard error: messages and shown warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        status = main([str(arg) for arg in argv])
    shown = [str(w.message) for w in caught if issubclass(w.category, SHOWN_WARNINGS)]
    return status, capsys.readouterr().err.strip().splitlines() + shown


def assert_one_line(capsys, argv, *fragments):
    status, lines = run(capsys, argv)
    assert status == 2 and len(lines) == 1 and lines[0].startswith("genlab: error: "), (status, lines)
    assert all(fragment in lines[0] for fragment in fragments), lines[0]
    return lines[0]


def members(path):
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_archive(path, contents, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return path


def with_member(source, target, name, data):
    return write_archive(target, {**members(source), name: data})


def with_bad_crc(source, target, name):
    """A copy of ``source`` in which one byte of member ``name``'s stored data is flipped (its CRC kept)."""
    shutil.copy(source, target)
    with zipfile.ZipFile(target) as archive:
        info = archive.getinfo(name)
    raw = bytearray(target.read_bytes())
    name_length, extra_length = np.frombuffer(bytes(raw[info.header_offset + 26 : info.header_offset + 30]), "<u2")
    assert info.compress_type == zipfile.ZIP_STORED and info.file_size > 0
    raw[info.header_offset + 30 + int(name_length) + int(extra_length) + info.file_size // 2] ^= 0x55
    target.write_bytes(bytes(raw))
    return target


JSON_DAMAGE = {
    "not JSON": b"\xff{not json",
    "a JSON array": b"[]",
    "a JSON string": b'"model"',
    "a JSON number": b"42",
    "an object of garbage": b'{"garbage": [1, {"x": null}], "step": "many"}',
}
DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "garbage": lambda data: np.random.default_rng(len(data)).bytes(len(data)),
    **{name: (lambda damaged: lambda _: damaged)(damaged) for name, damaged in JSON_DAMAGE.items()},
}
#: Keras does not read metadata.json, so an object of garbage there is harmless; every other damage is refused.
HARMLESS = {("metadata.json", "an object of garbage")}
MEMBERS = ("metadata.json", "config.json", "model.weights.h5", STATE_MEMBER, RANDOM_MEMBER)


@pytest.mark.parametrize("technique", ["text", "vae", "gan", "fast", "diffusion"])
def test_every_damaged_member_of_every_technique_is_one_line_and_exit_2(tmp_path, capsys, files, technique):
    model, command = files[technique]
    assert run(capsys, command(model))[0] == 0  # the intact file works
    for member in MEMBERS:
        damages = {name: damage for name, damage in DAMAGE.items()
                   if (member.endswith(".json") or name in ("truncated", "garbage")) and (member, name) not in HARMLESS}
        for name, damage in damages.items():
            original = members(model)[member]
            if damage(original) == original:  # a text model has no random generators: "[]" is its own
                continue
            damaged = with_member(model, tmp_path / f"{member}-{name}.keras", member, damage(original))
            assert_one_line(capsys, command(damaged))
        assert_one_line(capsys, command(with_bad_crc(model, tmp_path / f"{member}-crc.keras", member)), "damaged", member)
    truncated = tmp_path / "truncated.keras"
    truncated.write_bytes(model.read_bytes()[: model.stat().st_size // 2])
    assert_one_line(capsys, command(truncated))


@pytest.mark.parametrize("change, problem", [
    (lambda state: state.pop("settings"), "lacks 'settings'"),
    (lambda state: state.update(step="7"), "step is '7', not an integer"),
    (lambda state: state.update(seed=-1), "seed is -1"),
    (lambda state: state["settings"].update(batch_size=0), "batch_size is 0"),
    (lambda state: state["history"].append("epoch 2"), "history[1] is not an object"),
    (lambda state: state.update(garbage=1), "unknown key 'garbage'"),
])
def test_a_run_record_of_the_wrong_shape_is_refused_by_loading_and_resuming(tmp_path, capsys, files, change, problem):
    model, command = files["vae"]
    state = json.loads(members(model)[STATE_MEMBER])
    change(state)
    (tmp_path / "run").mkdir()
    damaged = with_member(model, tmp_path / "run" / "model.keras", STATE_MEMBER, json.dumps(state))
    assert_one_line(capsys, command(damaged), "damaged", problem)
    assert_one_line(capsys, ["vae", "train", "--run", tmp_path / "run", "--resume"], "damaged", problem)


def test_every_loading_command_and_every_resume_checks_the_file(tmp_path, capsys, files):
    damaged = {technique: with_bad_crc(model, tmp_path / f"{technique}.keras", STATE_MEMBER)
               for technique, (model, _) in files.items()}
    photo = tmp_path / "photo.png"
    Image.fromarray(np.zeros((8, 8, 3), np.uint8)).save(photo)
    out = tmp_path / "out"
    commands = [
        ["text", "generate", damaged["text"]],
        ["style", "apply", damaged["fast"], photo, "-o", out / "a.png"],
        ["vae", "grid", damaged["vae"], "-o", out / "g.png"],
        ["vae", "scatter", damaged["vae"], "-o", out / "s.png"],
        ["vae", "morph", damaged["vae"], photo, photo, "-o", out / "m.gif"],
        ["vae", "concept", damaged["vae"], "label:1", "label:7", "-o", out / "c.png"],
        ["gan", "sample", damaged["gan"], "-o", out / "s.png"],
        ["gan", "evaluate", damaged["gan"]],
        ["diffusion", "sample", damaged["diffusion"], "-o", out / "d.png"],
        ["diffusion", "evaluate", damaged["diffusion"]],
    ]
    for technique, trainer in (("text", ["text", "train"]), ("vae", ["vae", "train"]), ("gan", ["gan", "train"]),
                               ("fast", ["style", "train-fast", photo]), ("diffusion", ["diffusion", "train"])):
        folder = tmp_path / f"{technique}-run"
        folder.mkdir()
        shutil.copy(damaged[technique], folder / "model.keras")
        commands.append([*trainer, "--run", folder, "--resume"])
    for argv in commands:
        assert_one_line(capsys, argv, "damaged", STATE_MEMBER)


def test_a_state_that_is_not_json_is_one_line_and_exit_2_from_the_command_line(tmp_path, files):
    damaged = with_member(files["text"][0], tmp_path / "model.keras", STATE_MEMBER, b"{not json")
    result = run_cli("text", "generate", damaged)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "is not JSON" in result.stderr


@pytest.mark.parametrize("name", ["../../escaped.txt", "/tmp/genlab-absolute.txt", "assets/../../escaped.txt",
                                  "..\\escaped.txt", "C:/escaped.txt"])
def test_members_whose_path_climbs_out_are_refused_without_keras_warnings(tmp_path, capsys, files, name):
    model, command = files["text"]
    hostile = with_member(model, tmp_path / "model.keras", name, b"x")
    assert_one_line(capsys, command(hostile), "leaves the archive", repr(name))
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_a_member_twice_is_refused(tmp_path, capsys, files):
    model, command = files["text"]
    twice = tmp_path / "model.keras"
    shutil.copy(model, twice)
    with warnings.catch_warnings(), zipfile.ZipFile(twice, "a") as archive:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        archive.writestr(STATE_MEMBER, b"{}")
    assert_one_line(capsys, command(twice), "twice")


def zeros(megabytes):
    return (bytes(1 << 20) for _ in range(megabytes))


@pytest.mark.parametrize("member", [STATE_MEMBER, "model.weights.h5"])
def test_a_decompression_bomb_is_refused_from_its_header_without_inflating_it(tmp_path, capsys, files, member):
    model, command = files["text"]
    bomb = tmp_path / "model.keras"
    with zipfile.ZipFile(bomb, "w") as archive:  # the member: 200 MB of zeros, deflated to 200 kB
        for name, data in members(model).items():
            if name != member:
                archive.writestr(name, data)
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            for chunk in zeros(200):
                stream.write(chunk)
    assert bomb.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        assert_one_line(capsys, command(bomb), "decompression bomb")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_json_members_and_whole_archives_have_a_size_limit(tmp_path, capsys, files, monkeypatch):
    from genlab.training import archive_checks

    model, command = files["text"]
    state = json.loads(members(model)[STATE_MEMBER])
    padded = with_member(model, tmp_path / "model.keras", STATE_MEMBER, json.dumps(state).ljust(100_000))
    monkeypatch.setattr(archive_checks, "MAX_JSON_BYTES", 50_000)
    assert_one_line(capsys, command(padded), STATE_MEMBER, "more than")
    monkeypatch.undo()
    monkeypatch.setattr(archive_checks, "MAX_TOTAL_BYTES", 1000)
    assert_one_line(capsys, command(model), "uncompressed, more than")


def test_random_states_that_do_not_fit_the_model_are_refused(tmp_path, capsys, files):
    model, command = files["gan"]
    saved = json.loads(members(model)[RANDOM_MEMBER])
    for wrong in ([["x"] * len(saved[0])] + saved[1:], saved[1:], saved + saved[:1], [[1, 2, 3]] * len(saved)):
        damaged = with_member(model, tmp_path / "model.keras", RANDOM_MEMBER, json.dumps(wrong))
        assert_one_line(capsys, command(damaged), "damaged", RANDOM_MEMBER)
