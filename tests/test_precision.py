import keras
import pytest

from genlab.backend import bfloat16_is_fast
from genlab.errors import GenlabError
from genlab.precision import resolve_precision


@pytest.mark.skipif(keras.backend.backend() == "jax", reason="JAX's CPU backend has no fast bfloat16")
def test_bfloat16_counts_as_fast_only_with_hardware_support_that_onednn_may_use():
    amx = {"avx2", "avx512f", "amx_bf16", "amx_tile"}
    assert bfloat16_is_fast(amx, {})
    assert not bfloat16_is_fast({"avx2", "fma"}, {})
    assert not bfloat16_is_fast(amx, {"ONEDNN_MAX_CPU_ISA": "AVX2"})  # a laptop stand-in
    assert bfloat16_is_fast({"avx512_bf16"}, {"ONEDNN_MAX_CPU_ISA": "avx512_core_bf16"})


def test_auto_resolves_to_a_concrete_precision_and_others_pass_through(monkeypatch):
    monkeypatch.setattr("genlab.backend.bfloat16_is_fast", lambda: False)
    assert resolve_precision("auto") == "float32"
    monkeypatch.setattr("genlab.backend.bfloat16_is_fast", lambda: True)
    assert resolve_precision("auto") == "mixed_bfloat16"
    assert resolve_precision("float32") == "float32"
    with pytest.raises(GenlabError, match="unknown precision"):
        resolve_precision("float16")


def test_a_run_records_the_precision_auto_chose(monkeypatch):
    from genlab.vae.presets import resolve_settings

    monkeypatch.setattr("genlab.backend.bfloat16_is_fast", lambda: False)
    assert resolve_settings("cpu", {})["precision"] == "float32"
    monkeypatch.setattr("genlab.backend.bfloat16_is_fast", lambda: True)
    assert resolve_settings("cpu", {})["precision"] == "mixed_bfloat16"
