"""``--precision mixed_float16``: float16 compute with dynamic loss scaling, and a global step that counts every
batch, including those whose overflowing gradient the loss scale skips."""

import numpy as np
from PIL import Image

from genlab import vae
from genlab.precision import emulated_note
from genlab.training.checkpoint import load_checkpoint
from genlab.training.optimizers import StepCountingLossScaleOptimizer, make_optimizer

import keras


def test_a_skipped_step_still_counts_and_leaves_the_weights():
    weight = keras.Variable(np.ones(3, "float32"))
    optimizer = make_optimizer("sgd", 0.1, precision="mixed_float16")
    assert isinstance(optimizer, StepCountingLossScaleOptimizer)
    optimizer.build([weight])
    scale = float(optimizer.dynamic_scale)
    optimizer.apply([keras.ops.convert_to_tensor(np.array([np.inf, 1, 1], "float32"))], [weight])
    assert int(optimizer.iterations) == 1 and float(optimizer.dynamic_scale) == scale / 2
    np.testing.assert_array_equal(weight.numpy(), np.ones(3))
    optimizer.apply([keras.ops.convert_to_tensor(np.full(3, scale / 2, "float32"))], [weight])
    assert int(optimizer.iterations) == 2
    np.testing.assert_allclose(weight.numpy(), np.full(3, 0.9))


def test_a_float16_run_trains_in_float16_and_resumes_with_its_loss_scale(tmp_path, monkeypatch):
    folder = tmp_path / "images"
    folder.mkdir()
    for index in range(16):
        Image.fromarray(np.random.default_rng(index).integers(0, 255, (8, 8), dtype=np.uint8)).save(folder / f"{index}.png")
    options = dict(data=str(folder), image_size=8, channels=1, batch_size=8, seed=1, report=lambda *_: None)
    state = vae.train(run=tmp_path / "run", epochs=1, precision="mixed_float16", **options)
    assert state["settings"]["precision"] == "mixed_float16"
    model, _ = load_checkpoint(tmp_path / "run" / "model.keras")
    assert isinstance(model.optimizer, StepCountingLossScaleOptimizer)
    assert model.encoder.layers[1].compute_dtype == "float16"
    monkeypatch.setattr("genlab.backend.float16_is_fast", lambda: False)  # a GPU example run on a laptop
    said = []
    vae.train(run=tmp_path / "run", resume=True, epochs=2, report=said.append)
    assert load_checkpoint(tmp_path / "run" / "model.keras")[1]["step"] == 2 * state["step"]
    assert any(line.startswith("note: float16 is emulated on this machine") for line in said), said


def test_only_an_emulated_mixed_precision_gets_a_note(monkeypatch):
    monkeypatch.setattr("genlab.backend.bfloat16_is_fast", lambda: True)
    monkeypatch.setattr("genlab.backend.float16_is_fast", lambda: False)
    assert emulated_note("mixed_bfloat16") is None and emulated_note("float32") is None
    assert "--precision float32 trains faster" in emulated_note("mixed_float16")
