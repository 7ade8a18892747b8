"""The command line's options: bad numbers are refused while parsing, in one line, before any work; every
option of every trainer reaches the library."""

import argparse
import inspect
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import genlab.diffusion
import genlab.gan
import genlab.style.fast
import genlab.text
import genlab.vae
from genlab.cli import build_parser, main
from genlab.cli.common import distribution_options

PROBES = ("-1", "0", "1e12", "nan", "inf", "-inf")

#: The probes that an option accepts; it must refuse every other one. Zero means "off" or "none" for some
#: options; 1e12 is only silly, not harmful, where no natural upper limit exists (a time budget, a weight).
ACCEPTED = {
    "--seed": {"0"}, "--jitter": {"0"}, "--zoom-frames": {"0"}, "--embedding-dim": {"0"}, "--drop-lr-after": {"0"},
    "--length": {"0"}, "--top-k": {"0"}, "--dropout": {"0"}, "--label-noise": {"0"}, "--average": {"0"},
    "--val-fraction": {"0"}, "--test-fraction": {"0"}, "--warmup-steps": {"0"}, "--process-id": {"0"},
    "--weight-decay": {"0"}, "--label-dropout": {"0"}, "--eta": {"0"}, "--guidance": {"0", "1e12"},
    "--temperature": {"0", "1e12"}, "--blend": {"0", "1e12"},
    "--content-weight": {"0", "1e12"}, "--style-weight": {"0", "1e12"}, "--tv-weight": {"0", "1e12"},
    "--temporal-weight": {"0", "1e12"},
    "--strengths": {"-1", "0", "1e12"},
    "--minutes": {"1e12"}, "--step-size": {"1e12"}, "--max-loss": {"1e12"}, "--octave-scale": {"1e12"},
    "--learning-rate": {"1e12"}, "--d-learning-rate": {"1e12"}, "--g-learning-rate": {"1e12"},
    "--clipnorm": {"1e12"}, "--clipvalue": {"1e12"},
    "--start": {"0", "1e12"}, "--duration": {"1e12"}, "--frame-blend": {"0"},  # a start past the end: when read
}


def commands(parser, path=()):
    """(words that name the command, its parser) for every command that runs something."""
    groups = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    if not groups:
        yield path, parser
    for group in groups:
        for name, child in group.choices.items():
            yield from commands(child, (*path, name))


ROOT = build_parser()
COMMANDS = dict(commands(ROOT))


def options(parser):
    """The options shown in --help (not --help itself, nor the refused old names)."""
    return [action for action in parser._actions
            if action.option_strings and action.dest != "help" and action.help != argparse.SUPPRESS]


def is_numeric(action):
    return hasattr(action.type, "allowed") or action.type in (int, float)


#: A file that exists, for every positional argument: photos and models are checked to exist while parsing.
EXISTING = Path(tempfile.mkdtemp(prefix="genlab-cli-")) / "photo.png"
EXISTING.write_bytes(b"")


def required_arguments(parser, output="out.png"):
    """Placeholder values for the positional arguments and required options (``output``) of ``parser``'s command."""
    argv = []
    for action in parser._actions:
        if not action.option_strings:
            argv.append(str(EXISTING))
        elif action.required:
            argv += [action.option_strings[0], output]
    return argv


def test_every_numeric_option_is_checked_while_parsing():
    bare = [f"genlab {' '.join(path)} {action.option_strings[-1]}" for path, parser in COMMANDS.items()
            for action in options(parser) if action.type in (int, float) and not action.choices]
    assert not bare, f"numeric options without a range: {bare}"


@pytest.mark.parametrize("path", [path for path, parser in COMMANDS.items() if any(map(is_numeric, options(parser)))],
                         ids=" ".join)
def test_zero_negative_and_absurd_numbers_are_one_line_and_exit_2(path, capsys):
    parser = COMMANDS[path]
    wrong = []
    for action in filter(is_numeric, options(parser)):
        option = action.option_strings[-1]
        for probe in PROBES:
            argv = [*path, *required_arguments(parser), f"{option}={probe}"]
            if probe in ACCEPTED.get(option, ()):
                ROOT.parse_args(argv)
                continue
            with pytest.raises(SystemExit) as exited:
                ROOT.parse_args(argv)
            lines = capsys.readouterr().err.splitlines()
            one_line = len(lines) == 1 and lines[0].startswith(f"genlab: error: argument {option}")
            if exited.value.code != 2 or not one_line:
                wrong.append((option, probe, exited.value.code, lines))
    assert not wrong


def test_a_bad_number_is_refused_before_keras_is_imported():
    code = ("import sys\nfrom genlab.cli import main\n"
            "status = main(['dream', 'chelsea', '-o', 'out.png', '--octaves', '0'])\n"
            "print(status, 'keras' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["2", "False"]
    assert result.stderr.splitlines() == ["genlab: error: argument --octaves: expected a whole number of at least 1, "
                                          "not 0 (see `genlab dream --help`)"]


#: The options every trainer gathers into the library's one ``distribute`` argument.
DISTRIBUTION = {"distribute", "devices", "coordinator", "num_processes", "process_id"}
#: The trainers and the library function each one's command calls.
TRAINERS = {("text", "train"): (genlab.text, "train"), ("gan", "train"): (genlab.gan, "train"),
            ("vae", "train"): (genlab.vae, "train"), ("style", "train-fast"): (genlab.style.fast, "train_fast"),
            ("diffusion", "train"): (genlab.diffusion, "train")}


#: Options that the library takes under another name: the command line's name → (the library's, its value).
RENAMED = {"unconditional": ("labels", lambda unconditional: not unconditional)}
#: Options about the command's output, which the library never sees.
OUTPUT_OPTIONS = ("verbosity", "json")


def given_value(action):
    """Command-line words that set ``action`` to something other than its default."""
    if action.nargs == 0:
        return [action.option_strings[-1]]
    if action.choices:
        return [action.option_strings[-1], str(next(c for c in action.choices if c != action.default))]
    for text in ("3", "0.5", "16", "0.25,2", "16,32"):
        try:
            value = action.type(text) if action.type else text
        except (argparse.ArgumentTypeError, ValueError):
            continue
        if value != action.default:
            return [action.option_strings[-1], text]
    return [action.option_strings[-1], f"given-{action.dest}"]


def arrived(received, dest, value):
    name, meaning = RENAMED.get(dest, (dest, lambda given: given))
    return name in received and received[name] == meaning(value)


@pytest.mark.parametrize("path", TRAINERS, ids=" ".join)
def test_every_option_of_a_trainer_reaches_the_library(path, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    module, name = TRAINERS[path]
    signature = inspect.signature(getattr(module, name))
    received = {}

    def trainer(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        received.update({key: value for key, value in bound.arguments.items() if key != "overrides"})
        received.update(bound.arguments.get("overrides", {}))
        return {"history": [], "step": 0}

    parser = COMMANDS[path]
    monkeypatch.setattr(module, name, trainer)
    exclusive = [group._group_actions for group in parser._mutually_exclusive_groups]
    for variant in range(max(map(len, exclusive), default=1)):  # each option of an exclusive group in turn
        left_out = {action.dest for group in exclusive for index, action in enumerate(group) if index != variant}
        argv = [*path, *required_arguments(parser, output="net.keras")]
        for action in options(parser):
            if not action.required and action.dest not in (*OUTPUT_OPTIONS, *left_out):
                argv += given_value(action)
        given = vars(ROOT.parse_args(argv))
        received.clear()
        assert main(argv) == 0
        lost = {dest: value for dest, value in given.items()
                if dest not in ("handler", *OUTPUT_OPTIONS, *DISTRIBUTION) and not arrived(received, dest, value)}
        assert not lost, f"genlab {' '.join(path)} does not pass these on: {lost}"
        assert received["distribute"] == distribution_options(argparse.Namespace(**given))


def test_missing_inputs_are_refused_while_parsing_and_light_commands_skip_keras():
    code = ("import sys\nfrom genlab.cli import main\n"
            "print(main(['dream', 'missing.jpg', '-o', 'out.png']), main(['text', 'generate', 'missing.keras']),"
            " main(['assets', 'list']), 'keras' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split()[-4:] == ["2", "2", "0", "False"]
    assert result.stderr.splitlines() == [
        "genlab: error: argument image: no such photo or clip: missing.jpg (see `genlab dream --help`)",
        "genlab: error: argument model: no such model file or run folder: missing.keras "
        "(see `genlab text generate --help`)"]


@pytest.mark.parametrize("argv", [["text", "train", "--minute", "1"], ["dream", "chelsea", "-o", "x.png", "--step", "3"]])
def test_abbreviated_options_are_refused(argv, capsys):
    assert main(argv) == 2
    assert "unrecognized arguments: " + argv[-2] in capsys.readouterr().err


@pytest.mark.parametrize("path", TRAINERS, ids=" ".join)
def test_minute_is_refused_by_every_trainer(path, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    parser = COMMANDS[path]
    assert main([*path, *required_arguments(parser), "--minute", "1"]) == 2
    assert capsys.readouterr().err.startswith("genlab: error: unrecognized arguments: --minute 1")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_no_command_takes_an_abbreviated_option(path):
    parser = COMMANDS[path]
    accepted = []
    for action in options(parser):
        option = max(action.option_strings, key=len)
        if not option.startswith("--") or len(option) < 5:
            continue
        argv = [*path, *required_arguments(parser), option[:-1], *([] if action.nargs == 0 else ["1"])]
        try:
            ROOT.parse_args(argv)
            accepted.append(option[:-1])
        except SystemExit:
            pass
    assert not accepted, f"genlab {' '.join(path)} takes {accepted} for longer options"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_option_has_help_that_shows_its_default(path):
    parser = COMMANDS[path]
    formatter = parser._get_formatter()
    wrong = []
    for action in options(parser):
        shown = formatter._expand_help(action) if action.help else ""
        has_default = action.default not in (None, False, argparse.SUPPRESS)
        if not shown.strip() or (has_default and "default" not in shown):
            wrong.append(f"{action.option_strings[-1]}: {shown!r}")
    assert not wrong
    assert "examples:\n  genlab " in parser.format_help()


def test_help_shows_defaults_as_they_would_be_typed():
    help = " ".join(COMMANDS[("text", "generate")].format_help().split())
    assert "(default 0.5)" in help and "(default 400)" in help
    assert "(default auto)" in " ".join(COMMANDS[("style", "train-fast")].format_help().split())
    assert "Transformer (default char)" in " ".join(COMMANDS[("text", "train")].format_help().split())
    assert "seeds'" not in ROOT.format_help() + "".join(parser.format_help() for parser in COMMANDS.values())


@pytest.mark.parametrize("argv, hint", [
    (["style", "chelsea", "coffee", "-o", "x.png", "--iterations", "5"], "--iterations: renamed --rounds"),
    (["style", "train-fast", "chelsea", "-o", "net.keras"], "-o: renamed --run"),
    (["style", "train-fast", "chelsea", "--output", "net.keras"], "--output: renamed --run"),
    (["style", "train-fast", "chelsea", "--images", "photos/"], "--images: renamed --data"),
    (["text", "train", "--temperatures", "0.5,1"], "--temperatures: renamed --temperature"),
    (["text", "generate", "MODEL", "--temperatures", "0.5"], "--temperatures: renamed --temperature"),
    (["gan", "sample", "MODEL", "--walk", "walk.gif"], "--walk: renamed --interpolate"),
])
def test_old_names_are_refused_with_the_new_name(argv, hint, capsys):
    argv = [str(EXISTING) if word == "MODEL" else word for word in argv]
    assert main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"genlab: error: {hint}"), lines


def test_gan_evaluate_is_also_called_eval():
    for name in ("evaluate", "eval"):
        assert ROOT.parse_args(["gan", name, str(EXISTING), "--json"]).handler is COMMANDS[("gan", "evaluate")].get_default("handler")


@pytest.mark.parametrize("path", [*TRAINERS, ("style", "transfer")], ids=" ".join)
def test_every_trainer_offers_the_same_precision_option(path):
    precision = next(action for action in options(COMMANDS[path]) if "--precision" in action.option_strings)
    assert list(precision.choices) == ["auto", "float32", "mixed_bfloat16", "mixed_float16"]
    assert precision.help.startswith(COMMANDS[("text", "train")]._option_string_actions["--precision"].help[:80])


@pytest.mark.parametrize("words", [["-q", "text", "presets"], ["text", "presets", "-q"], ["text", "-q", "presets"],
                                   ["-v", "gan", "presets"], ["gan", "presets", "--verbose"]])
def test_quiet_and_verbose_go_before_or_after_the_command(words):
    assert ROOT.parse_args(words).verbosity == ("quiet" if "-q" in words else "verbose")
    assert ROOT.parse_args([word for word in words if word.startswith(("t", "g", "p"))]).verbosity == "normal"


def test_the_version_has_a_short_flag(capsys):
    assert main(["-V"]) == 0 and capsys.readouterr().out.startswith("genlab ")
