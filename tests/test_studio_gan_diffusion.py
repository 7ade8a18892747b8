"""The studio's GAN and Diffusion tabs, called from Python with tiny runs: a gallery for a seed and the loop
around one of its samples, latent walks, and the denoising streamed step by step into samples and a GIF."""

import numpy as np
import pytest
from PIL import Image

from genlab import diffusion, gan
from genlab.errors import GenlabError
from genlab.studio.diffusion_tab import class_choices, denoising_stream
from genlab.studio.gan_tab import around_sample, latent_walks, sample_gallery
from genlab.studio.outputs import OutputFolder
from genlab.studio.widgets import page_image


def test_the_gallery_and_the_walk_around_a_clicked_sample(tiny_runs, tmp_path):
    model = gan.load(tiny_runs / "gan")
    outputs = OutputFolder(tmp_path)
    images, line = sample_gallery(model, outputs, seed=4)
    assert len(images) == 16 and images[0].dtype == np.uint8 and line.startswith("seed 4; wrote gan-samples-")
    np.testing.assert_array_equal(images, gan.generate_images(model, 16, seed=4).astype(np.uint8))
    gif, line = around_sample(model, outputs, seed=4, index=5)
    with Image.open(gif) as walk:
        first = np.asarray(walk.convert("RGB"))[::4, ::4]  # enlarged 4×
        assert walk.n_frames > 1
    np.testing.assert_allclose(first, images[5], atol=2)  # the loop starts on the clicked sample
    assert line.startswith("around sample 6 of seed 4")
    walks, _ = latent_walks(model, outputs, seed=1, walks=2)
    assert Image.open(walks).n_frames > 1 and len(list(tmp_path.iterdir())) == 3


def test_grey_images_reach_the_page_as_two_dimensional_uint8():
    grey, colour = np.full((4, 5, 1), 300.0), np.full((4, 5, 3), 12.7)
    assert page_image(grey).shape == (4, 5) and page_image(grey).dtype == np.uint8 and page_image(grey).max() == 255
    assert page_image(colour).shape == (4, 5, 3) and page_image(colour).max() == 12


def test_the_denoising_streams_each_step_then_writes_the_samples_and_the_gif(tiny_runs, tmp_path):
    model = diffusion.load(tiny_runs / "diffusion")
    updates = list(denoising_stream(model, OutputFolder(tmp_path), steps=3, count=4, seed=2))
    assert [status for _, status, _, _ in updates[:3]] == ["step 1 of 3", "step 2 of 3", "step 3 of 3"]
    assert [done for *_, done in updates] == pytest.approx([1 / 3, 2 / 3, 1.0, 1.0])
    frame, status, files, _ = updates[-1]
    assert status.startswith("done: 3 steps of ddim; wrote diffusion-samples-")
    samples = diffusion.sample(model, count=4, seed=2, steps=3, report=lambda line: None)
    np.testing.assert_allclose(np.asarray(Image.open(files[0]), "float32")[2:18, 2:18], samples[0], atol=1)
    assert Image.open(files[1]).n_frames == 4 and frame.shape == updates[0][0].shape


def test_a_class_the_model_lacks_is_one_line(tiny_runs, tmp_path):
    model = diffusion.load(tiny_runs / "diffusion")
    assert class_choices(model.classes) == ["any"] + [str(label) for label in range(model.classes or 0)]
    with pytest.raises(GenlabError):
        next(denoising_stream(model, OutputFolder(tmp_path), label=11, steps=2, count=2))


def test_the_class_control_first_offers_the_first_runs_classes(tiny_runs, tmp_path):
    import json
    import zipfile

    from genlab.studio.diffusion_tab import first_run_classes
    from genlab.studio.runs_folder import RunsFolder
    from genlab.training.archive_checks import STATE_MEMBER

    assert first_run_classes(RunsFolder(tiny_runs)) == 0  # the tiny run is unconditional: "any" only
    assert first_run_classes(RunsFolder(tmp_path / "no-runs-yet")) == 0
    labelled = tmp_path / "runs" / "digits"  # the same run with a record that says 3 classes
    labelled.mkdir(parents=True)
    with zipfile.ZipFile(tiny_runs / "diffusion" / "model.keras") as source, \
            zipfile.ZipFile(labelled / "model.keras", "w") as copy:
        for member in source.namelist():
            data = source.read(member)
            if member == STATE_MEMBER:
                data = json.dumps({**json.loads(data), "classes": 3}).encode()
            copy.writestr(member, data)
    assert class_choices(first_run_classes(RunsFolder(tmp_path / "runs"))) == ["any", "0", "1", "2"]
