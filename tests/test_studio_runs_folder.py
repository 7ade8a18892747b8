"""The runs the studio's page may open: those of a technique under ``--runs``, by their path inside it, never a
path outside it; models loaded by the technique's own loader, kept while their files are unchanged."""

import os
import shutil

import pytest

from genlab import text, vae
from genlab.errors import GenlabError
from genlab.runs import open_run
from genlab.studio.runs_folder import RunsFolder


def test_each_technique_is_offered_its_own_runs(tiny_runs):
    folder = RunsFolder(tiny_runs)
    assert [folder.names(technique) for technique in ("text", "vae", "gan", "diffusion", "style")] == [
        ["text"], ["vae"], ["gan"], ["diffusion"], ["style"]]
    assert RunsFolder(tiny_runs / "not yet").names("text") == []


@pytest.mark.parametrize("name", ["../text", "text/../../text", "/etc", "escape"])
def test_no_path_leads_outside_the_runs_folder(tiny_runs, tmp_path, name):
    root = tmp_path / "runs"
    shutil.copytree(tiny_runs / "text", root / "text")
    os.symlink(tiny_runs / "text", root / "escape")  # a link inside the folder to a run outside it
    with pytest.raises(GenlabError, match="is not a run in the studio's runs folder"):
        RunsFolder(root).load(text.load, name)
    assert RunsFolder(root).load(text.load, "text") is not None
    assert RunsFolder(root).names() == ["text"]  # the link is not offered either


def test_a_run_of_another_kind_is_one_line_without_the_servers_folders(tiny_runs):
    with pytest.raises(GenlabError) as error:
        RunsFolder(tiny_runs).load(text.load, "vae")
    message = str(error.value)
    assert "not a language model" in message and str(tiny_runs) not in message and "\n" not in message
    with pytest.raises(GenlabError, match="choose a run"):
        RunsFolder(tiny_runs).load(text.load, None)


def test_an_uploaded_checkpoint_is_loaded_and_named_by_its_file_name(tiny_runs, tmp_path):
    upload = tmp_path / "uploads" / "mine.keras"
    upload.parent.mkdir()
    shutil.copy(tiny_runs / "vae" / "model.keras", upload)
    assert isinstance(RunsFolder(tmp_path / "none").load(vae.load, upload=str(upload)), vae.VAE)
    upload.write_bytes(b"PK\x03\x04 not a checkpoint")
    with pytest.raises(GenlabError) as error:
        RunsFolder(tmp_path / "none").load(vae.load, upload=str(upload))
    assert "mine.keras" in str(error.value) and str(upload.parent) not in str(error.value)


def test_a_model_is_loaded_once_until_its_checkpoint_changes(tiny_runs, tmp_path):
    shutil.copytree(tiny_runs / "vae", tmp_path / "vae")
    folder = RunsFolder(tmp_path)
    first = folder.load(vae.load, "vae")
    assert folder.load(vae.load, "vae") is first
    checkpoint = tmp_path / "vae" / "model.keras"
    stat = checkpoint.stat()
    os.utime(checkpoint, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a training saved again
    assert folder.load(vae.load, "vae") is not first


def test_listing_again_reads_only_the_checkpoints_that_changed(tiny_runs, tmp_path, monkeypatch):
    from genlab.studio import runs_folder

    for name in ("vae", "gan"):
        shutil.copytree(tiny_runs / name, tmp_path / name)
    reads = []
    monkeypatch.setattr(runs_folder, "open_run", lambda path: reads.append(path.name) or open_run(path))
    folder = RunsFolder(tmp_path)
    assert sorted(folder.names()) == ["gan", "vae"] and sorted(reads) == ["gan", "vae"]
    folder.summaries()
    assert len(reads) == 2  # the page's refresh does not read (and check) them again
    checkpoint = tmp_path / "vae" / "model.keras"
    stat = checkpoint.stat()
    os.utime(checkpoint, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a training saved again
    folder.summaries()
    assert sorted(reads) == ["gan", "vae", "vae"]
