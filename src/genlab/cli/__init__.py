"""The ``genlab`` command: parses arguments, calls the library, prints. Nothing else lives here."""

import os
import sys

from genlab import __version__
from genlab.backend_install import require_backend
from genlab.errors import GenlabError
from genlab.quiet import import_keras_quietly

#: Groups whose first sub-command may be left out: ``genlab style A B`` is ``genlab style transfer A B``.
DEFAULT_SUBCOMMANDS = {"style": ("transfer", ("transfer", "train-fast", "apply", "-h", "--help"))}

EXAMPLES = """\
examples:
  genlab assets list
  genlab assets fetch shakespeare
  genlab text train --minutes 2 --run runs/shakespeare
  genlab text generate runs/shakespeare --prompt "ROMEO:" --length 300
  genlab dream chelsea -o dream.png --gif octaves.gif
  genlab style chelsea immunohistochemistry -o cat.png
  genlab vae train --run runs/vae && genlab vae grid runs/vae -o grid.png
  genlab gan train --minutes 15 --run runs/gan && genlab gan sample runs/gan -o digits.png
  genlab diffusion train --minutes 15 && genlab diffusion sample runs/diffusion -o digits.png --class 7
  genlab runs list && genlab runs show runs/gan && genlab runs export runs/gan --format onnx
  genlab studio
  genlab info
  genlab completion bash > ~/.local/share/bash-completion/completions/genlab

Every command is also a Python call, e.g. genlab.text.train(...) and genlab.text.generate(...).
"""


def build_parser():
    from genlab.cli import assets, completion, diffusion, dream, gan, info, runs, studio, style, text, vae
    from genlab.cli.common import Parser, add_global_options
    from genlab.cli.help import HelpFormatter

    parser = Parser(
        prog="genlab",
        description="Generative deep learning on your own data, offline, on a CPU.",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"genlab {__version__}")
    add_global_options(parser, default="normal")
    groups = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in (assets, text, dream, style, vae, gan, diffusion, runs, studio, info, completion):
        module.register(groups)
    return parser


def main(argv=None):
    from genlab.cli.output import VERBOSE, routed

    parser = build_parser()
    try:
        args = parser.parse_args(_with_default_subcommand(sys.argv[1:] if argv is None else list(argv)))
    except SystemExit as exit:  # a bad option (one line printed, 2) or --help (0): a status, as for the rest
        return exit.code
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    verbose = args.verbosity == VERBOSE
    if verbose:
        print(f"genlab {__version__}: {_options(args)}", file=sys.stderr)
    with routed(args.verbosity, getattr(args, "json", False)):
        try:
            require_backend()
            if not getattr(args, "light", False):  # commands that need no network start without Keras
                _import_keras(verbose)
            return args.handler(args) or 0
        except GenlabError as error:
            if verbose:
                import traceback

                traceback.print_exc()
            print(f"genlab: error: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt as interrupt:
            print(f"genlab: {interrupt or 'interrupted'}", file=sys.stderr)
            return 130
        except MemoryError:
            print("genlab: error: out of memory; try a smaller input or batch", file=sys.stderr)
            return 2
        except BrokenPipeError:  # the reader has gone (`genlab text presets | head`): stop quietly, as cat does
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            return 141


def _import_keras(verbose):
    if verbose:
        import keras  # noqa: F401  (the backend's own start-up messages are detail that --verbose shows)
    else:
        import_keras_quietly()


def _options(args):
    return " ".join(f"{name}={value}" for name, value in sorted(vars(args).items()) if name not in ("handler", "light"))


def _with_default_subcommand(argv):
    """Insert a group's default sub-command where it was left out (global options may come first)."""
    position = next((index for index, word in enumerate(argv) if not word.startswith("-")), None)
    if position is not None and argv[position] in DEFAULT_SUBCOMMANDS:
        default, known = DEFAULT_SUBCOMMANDS[argv[position]]
        following = argv[position + 1:]
        if following and following[0] not in known:
            return [*argv[:position + 1], default, *following]
    return argv
