"""The Python API takes what the CLI takes and returns what it makes.

Every function that uses a trained model accepts its run folder, its ``.keras`` file or the loaded model, and
gives the same result for each; a model of another kind is a GenlabError in library terms. Exploration
functions return pictures and write a file only when given a path. Word prompts are checked like character
prompts, and MNIST digits are named explicitly: ``index:N`` for one image, ``label:D`` for a group.
"""

import importlib

import numpy as np
import pytest
from PIL import Image, ImageSequence

from genlab import diffusion, gan, style, text, vae
from genlab.cli import main
from genlab.errors import GenlabError
from genlab.style.transform_net import TransformNet
from genlab.text.models import LanguageModel, TransformerLM
from genlab.text.tokenizers import WordTokenizer


def quiet(*_):
    pass


@pytest.fixture(scope="module")
def images(square_images):
    return square_images


@pytest.fixture(scope="module")
def runs(tiny_runs):
    return tiny_runs


@pytest.fixture
def cheap_features(monkeypatch):
    """FID/KID on the images' mean colours instead of MobileNetV2 features: the API is under test, not FID."""
    monkeypatch.setattr(importlib.import_module("genlab.metrics.image_sets"), "pooled_features",
                        lambda images, size: np.asarray(images).mean(axis=(1, 2)).astype("float64"))


def first_two(folder):
    return sorted(folder.iterdir())[:2]


#: name → (technique, the call given a model and the image folder, what it returns)
CALLS = {
    "text.load": ("text", lambda model, folder: text.load(model), LanguageModel),
    "text.generate": ("text", lambda model, folder: text.generate(model, "the", 6, seed=1), str),
    "text.stream": ("text", lambda model, folder: list(text.stream(model, "the", 6, seed=1, every=2)), list),
    "vae.load": ("vae", lambda model, folder: vae.load(model), vae.VAE),
    "vae.grid": ("vae", lambda model, folder: vae.grid(model, size=3), np.ndarray),
    "vae.scatter": ("vae", lambda model, folder: vae.scatter(model, data=folder), Image.Image),
    "vae.morph": ("vae", lambda model, folder: vae.morph(model, *first_two(folder), frames=3), np.ndarray),
    "vae.concept": ("vae", lambda model, folder: vae.concept(model, folder, folder, count=2, strengths=[0, 1]),
                    np.ndarray),
    "vae.concept_vector": ("vae", lambda model, folder: vae.concept_vector(model, folder, folder), np.ndarray),
    "gan.load": ("gan", lambda model, folder: gan.load(model), gan.DCGAN),
    "gan.sample": ("gan", lambda model, folder: gan.sample(model, count=4, seed=1, report=quiet), np.ndarray),
    "gan.generate_images": ("gan", lambda model, folder: gan.generate_images(model, 3, seed=1), np.ndarray),
    "gan.interpolate": ("gan", lambda model, folder: gan.interpolate(model, walks=2, stops=2, frames_between=2,
                                                                     seed=1, report=quiet), np.ndarray),
    "gan.evaluate": ("gan", lambda model, folder: gan.evaluate(model, samples=8, size=32, report=quiet, data=folder,
                                                               image_size=16), dict),
    "diffusion.load": ("diffusion", lambda model, folder: diffusion.load(model), diffusion.DiffusionModel),
    "diffusion.sample": ("diffusion", lambda model, folder: diffusion.sample(model, count=4, seed=1, report=quiet),
                         np.ndarray),
    "diffusion.generate_images": ("diffusion", lambda model, folder: diffusion.generate_images(model, 3, seed=1),
                                  np.ndarray),
    "diffusion.trajectory": ("diffusion", lambda model, folder: diffusion.trajectory(model, count=2, seed=1,
                                                                                     report=quiet), np.ndarray),
    "diffusion.interpolate": ("diffusion", lambda model, folder: diffusion.interpolate(model, walks=2, stops=2, frames_between=2,
                                                                         seed=1, report=quiet), np.ndarray),
    "diffusion.evaluate": ("diffusion", lambda model, folder: diffusion.evaluate(
        model, samples=8, size=32, report=quiet, data=folder, image_size=16), dict),
    "style.load_fast": ("style", lambda model, folder: style.load_fast(model), TransformNet),
    "style.apply_fast": ("style", lambda model, folder: style.apply_fast(model, np.full((10, 14, 3), 128.0)),
                         np.ndarray),
}
LOADERS = {"text": text.load, "vae": vae.load, "gan": gan.load, "diffusion": diffusion.load, "style": style.load_fast}


@pytest.fixture(scope="module")
def loaded(runs):
    """Each technique's model, loaded once."""
    return {technique: load(runs / technique) for technique, load in LOADERS.items()}


def same(a, b):
    if isinstance(a, Image.Image):
        return a.size == b.size and a.tobytes() == b.tobytes()
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    return a == b if isinstance(a, (str, dict, list)) else type(a) is type(b)


@pytest.mark.parametrize("name", CALLS)
def test_every_public_function_takes_a_run_folder_or_a_loaded_model(name, runs, loaded, images, cheap_features):
    technique, call, returns = CALLS[name]
    from_folder, from_model = call(runs / technique, images), call(loaded[technique], images)
    assert isinstance(from_folder, returns) and isinstance(from_model, returns), (type(from_folder), type(from_model))
    assert same(from_folder, from_model)


@pytest.mark.parametrize("technique", LOADERS)
def test_a_model_file_is_the_same_model_as_its_run_folder(technique, runs, loaded):
    from_file = LOADERS[technique](runs / technique / "model.keras")
    assert type(from_file) is type(loaded[technique])
    assert all(np.array_equal(a, b) for a, b in zip(from_file.get_weights(), loaded[technique].get_weights()))


#: A model of another kind for each technique.
WRONG = {"text": "vae", "vae": "gan", "gan": "diffusion", "diffusion": "gan", "style": "text"}
KINDS = {"text": "language model", "vae": "VAE", "gan": "GAN", "diffusion": "diffusion model",
         "style": "fast style network"}


@pytest.mark.parametrize("name", CALLS)
def test_a_model_of_another_kind_is_refused_in_library_terms(name, loaded, images, cheap_features):
    technique, call, _ = CALLS[name]
    other = loaded[WRONG[technique]]
    with pytest.raises(GenlabError) as refused:
        call(other, images)
    assert str(refused.value) == f"expected a {KINDS[technique]}, but the model given is a {type(other).__name__}"


@pytest.mark.parametrize("technique", LOADERS)
def test_a_run_of_another_kind_is_refused_in_library_terms(technique, runs, loaded):
    other = runs / WRONG[technique]
    with pytest.raises(GenlabError) as refused:
        LOADERS[technique](other)
    assert str(refused.value) == f"{other} holds a {type(loaded[WRONG[technique]]).__name__}, not a {KINDS[technique]}"


def test_a_wrong_model_on_the_command_line_is_one_line_and_exit_2(runs, tmp_path, capsys):
    assert main(["gan", "sample", str(runs / "vae"), "-o", str(tmp_path / "grid.png")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [f"genlab: error: {runs / 'vae'} holds a VAE, not a GAN"]


def test_evaluating_a_loaded_gan_needs_the_real_images_named(loaded):
    with pytest.raises(GenlabError, match="does not know its training images: name the real images"):
        gan.evaluate(loaded["gan"], samples=8)


def test_pictures_are_returned_and_written_only_when_asked(runs, loaded, images, tmp_path):
    model = loaded["vae"]
    sheet = vae.grid(model, tmp_path / "grid.png", size=3)
    assert sheet.shape == (24, 24, 1)
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "grid.png")), np.rint(sheet[..., 0]))
    frames = vae.morph(model, *first_two(images), tmp_path / "morph.gif", frames=4, frame_ms=50)
    with Image.open(tmp_path / "morph.gif") as gif:  # there and back, pausing at the ends (like frames merged)
        durations = [frame.info["duration"] for frame in ImageSequence.Iterator(gif)]
        assert frames.shape[0] == 4 and gif.size == frames.shape[2:0:-1] and sum(durations) == 2 * 700 + 4 * 50
    plot = vae.scatter(model, tmp_path / "scatter.svg", data=images)
    assert (tmp_path / "scatter.svg").read_text().lstrip().startswith("<?xml") and plot.mode == "RGB"
    strip = vae.concept(model, images, images, tmp_path / "concept.png", count=2, strengths=[0, 1])
    assert Image.open(tmp_path / "concept.png").size == strip.shape[1::-1]
    generated = gan.sample(loaded["gan"], tmp_path / "single", count=3, seed=1, report=quiet)
    assert generated.shape == (3, 16, 16, 3) and len(list((tmp_path / "single").iterdir())) == 3
    walk = gan.interpolate(loaded["gan"], tmp_path / "walk.gif", walks=2, stops=2, frames_between=2, seed=1,
                           report=quiet)
    assert Image.open(tmp_path / "walk.gif").n_frames == len(walk) == 4
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "concept.png", "grid.png", "morph.gif", "scatter.svg", "single", "walk.gif"]
    vae.grid(model, size=3)
    gan.sample(loaded["gan"], count=2, seed=1, report=quiet)
    assert len(list(tmp_path.iterdir())) == 6


def test_generated_text_starts_with_the_prompt_as_the_command_line_prints_it(runs, loaded, capsys):
    one = text.generate(runs / "text", "the king", 10, temperature=0.0, seed=3)
    several = text.generate(loaded["text"], "the king", 10, temperature=[0.0, 1.0], seed=3)
    assert isinstance(one, str) and one.startswith("the king") and len(one) == len("the king") + 10
    assert isinstance(several, list) and several[0] == one and several[1].startswith("the king")
    assert main(["text", "generate", str(runs / "text"), "--prompt", "the king", "--length", "10",
                 "--temperature", "0", "--seed", "3"]) == 0
    assert capsys.readouterr().out == one + "\n"


@pytest.fixture(scope="module")
def word_model(tiny_text):
    return TransformerLM(WordTokenizer.fit(tiny_text), context=8, embed_dim=8, heads=1, ff_dim=8)


def test_a_word_prompt_with_words_the_model_does_not_know_is_refused_naming_them(word_model):
    with pytest.raises(GenlabError, match="words the model does not know: 'dragon', 'zebra'; use words from"):
        text.generate(word_model, "The zebra and the dragon and the zebra", 3)
    prompt = "The king and the [UNK], the queen"
    said = text.generate(word_model, prompt, 3, seed=1)
    assert said.startswith(prompt) and len(said) > len(prompt)


def test_a_word_run_with_an_unknown_prompt_is_refused_before_training(tmp_path, tiny_corpus):
    with pytest.raises(GenlabError, match="'zebra'"):
        text.train(run=tmp_path / "run", corpus=str(tiny_corpus), kind="word", prompt="the zebra", report=quiet)
    assert not (tmp_path / "run").exists()


def test_word_continuations_are_spaced_as_the_model_spaces_words(word_model):
    tokenizer = word_model.tokenizer
    assert tokenizer.join("the king", "walks .") == "the king walks ."
    assert tokenizer.join("the king", ", and") == "the king, and"
    assert tokenizer.join("the king ", "walks") == "the king walks"
    assert tokenizer.join("the king", "") == "the king"


def test_the_command_line_refuses_the_ambiguous_forms_with_a_hint(runs, tmp_path, capsys):
    for argv, hint in [(["concept", runs / "vae", "1", "7", "-o", tmp_path / "c.png"], "write label:1"),
                       (["morph", runs / "vae", "mnist:0", "mnist:1", "-o", tmp_path / "m.gif"], "write index:0")]:
        assert main(["vae", *map(str, argv)]) == 2
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and hint in lines[0], lines
