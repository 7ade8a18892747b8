"""``genlab info`` and ``genlab.info()``: what a bug report needs, in one screen."""

import keras

import genlab
from genlab.cli import main


def test_info_names_the_backend_versions_devices_formats_assets_and_distribution():
    facts = genlab.info()
    assert facts["backend"] == keras.backend.backend()
    assert {"genlab", "keras", "numpy", facts["backend"]} <= set(facts["versions"])
    assert facts["devices"] and all({"name", "kind", "memory"} <= set(device) for device in facts["devices"])
    assert set(facts["fast"]) == {"bfloat16", "float16"}
    assert facts["assets"]["home"] and facts["distribution"]["keras.distribution"] == "none"


def test_genlab_info_prints_one_screen(capsys):
    assert main(["info"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"backend   {keras.backend.backend()}") and len(lines) < 25
    assert any(line.startswith("fast here bfloat16") for line in lines)
    assert any(line.startswith("assets ") for line in lines) and lines[-1].startswith("distribution")
