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


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_command_prints_a_script_the_shell_accepts(shell, capsys):
    assert main(["completion", shell]) == 0
    printed = capsys.readouterr().out
    assert printed == script(shell, build_parser()) and "genlab" in printed.splitlines()[0] + printed.splitlines()[1]
    if shutil.which(shell):
        check = {"bash": ["bash", "-n"], "zsh": ["zsh", "-n"], "fish": ["fish", "--no-execute"]}[shell]
        result = subprocess.run([*check, "/dev/stdin"], input=printed, capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr
