"""Shell completion scripts come from the parser: every command is in them, and a new option appears alone."""

import shlex
import shutil
import subprocess

import pytest

from genlab.cli import build_parser, main
from genlab.cli.completion import command_paths, script


def complete(words, tmp_path):
    """What bash offers after ``words`` (the last one is being typed, "" for a new word), with the generated
    script loaded."""
    path = tmp_path / "genlab.bash"
    path.write_text(script("bash", build_parser()))
    code = (f"source {path}; COMP_WORDS=({' '.join(map(shlex.quote, words))}); COMP_CWORD={len(words) - 1}; "
            "_genlab; printf '%s\\n' \"${COMPREPLY[@]}\"")
    result = subprocess.run(["bash", "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return [word for word in result.stdout.splitlines() if word]


def test_the_bash_script_names_every_command_and_option():
    parser = build_parser()
    bash = script("bash", parser)
    for path, command in command_paths(parser):
        assert f'"{path}")' in bash
        for action in command._actions:
            for option in action.option_strings:
                assert option in bash or action.help == "==SUPPRESS==", (path, option)
    assert "--iterations" not in bash and "--walk" not in bash  # refused old names are not offered


def test_an_option_added_to_the_parser_appears_in_every_script():
    parser = build_parser()
    leaf = dict(command_paths(parser))["vae grid"]
    leaf.add_argument("--brand-new-option", choices=("left", "right"), help="a test option")
    for shell in ("bash", "zsh", "fish"):
        assert "brand-new-option" in script(shell, parser)
        assert "brand-new-option" not in script(shell, build_parser())
    assert "left right" in script("bash", parser) and "'left right'" in script("fish", parser)
    assert "complete -c genlab -n '__genlab_at \"vae grid\"' -l brand-new-option -x -a 'left right'" in script("fish", parser)


def test_bash_completes_commands_options_and_choices(tmp_path):
    assert complete(["genlab", "te"], tmp_path) == ["text"]
    assert complete(["genlab", "text", "tr"], tmp_path) == ["train"]
    assert complete(["genlab", "-q", "gan", "ev"], tmp_path) == ["evaluate", "eval"]
    assert complete(["genlab", "text", "train", "--mo"], tmp_path) == ["--model"]
    assert complete(["genlab", "text", "train", "--model", ""], tmp_path) == ["char", "word"]
    assert complete(["genlab", "completion", ""], tmp_path) == ["bash", "zsh", "fish"]
    assert complete(["genlab", "text", "train", "--run", ""], tmp_path) == []  # file names, from bash itself


@pytest.mark.skipif(not shutil.which("zsh"), reason="zsh is not installed (.ci/run installs it)")
def test_zsh_offers_the_words_of_the_command_typed_so_far(tmp_path):
    """As zsh's bash-completion emulation calls the function: COMP_WORDS is a zsh array (indexed from 1),
    COMP_CWORD the index of the current word from 0. zsh itself then keeps the words that match."""
    path = tmp_path / "genlab.zsh"
    path.write_text(script("zsh", build_parser()))

    def offered(*words):
        code = (f"autoload -U compinit && compinit -u; source {path}; COMP_WORDS=({' '.join(map(shlex.quote, words))}); "
                f"COMP_CWORD={len(words) - 1}; _genlab; print -l -r -- $COMPREPLY")
        result = subprocess.run(["zsh", "-f", "-c", code], capture_output=True, text=True, timeout=30,
                                cwd=tmp_path)
        assert result.returncode == 0 and not result.stderr, result.stderr
        return result.stdout.split()

    assert "text" in offered("genlab", "te") and "--model" not in offered("genlab", "te")
    assert offered("genlab", "text", "train", "--model", "") == ["char", "word"]
    assert offered("genlab", "-q", "gan", "") == ["train", "sample", "evaluate", "eval", "presets"]
    assert "--distribute" in offered("genlab", "text", "train", "--d")


@pytest.mark.skipif(not shutil.which("fish"), reason="fish is not installed (.ci/run installs it)")
def test_fish_offers_commands_options_and_choices_with_their_help(tmp_path):
    path = tmp_path / "genlab.fish"
    path.write_text(script("fish", build_parser()))

    def offered(line):
        result = subprocess.run(["fish", "--no-config", "-c", f"source {path}; complete -C {shlex.quote(line)}"],
                                capture_output=True, text=True, timeout=30)
        assert result.returncode == 0 and not result.stderr, result.stderr
        return dict(entry.partition("\t")[::2] for entry in result.stdout.splitlines())

    assert list(offered("genlab te")) == ["text"]
    assert offered("genlab text train --ru") == {"--run": "run folder for checkpoints and samples (default: runs/text)"}
    assert list(offered("genlab text train --model ")) == ["char", "word"]
    assert sorted(offered("genlab -q gan ev")) == ["eval", "evaluate"]  # the alias too, as bash and zsh offer


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_command_prints_a_script_the_shell_accepts(shell, capsys):
    assert main(["completion", shell]) == 0
    printed = capsys.readouterr().out
    assert printed == script(shell, build_parser()) and "genlab" in printed.splitlines()[0] + printed.splitlines()[1]
    if shutil.which(shell):
        check = {"bash": ["bash", "-n"], "zsh": ["zsh", "-n"], "fish": ["fish", "--no-execute"]}[shell]
        result = subprocess.run([*check, "/dev/stdin"], input=printed, capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr
