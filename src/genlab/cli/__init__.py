"""The ``genlab`` command: parses arguments, calls the library, prints. Nothing else lives here."""

import argparse
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
  genlab text generate runs/shakespeare/model.keras --prompt "ROMEO:" --length 300
  genlab dream chelsea -o dream.png --gif octaves.gif
  genlab style chelsea immunohistochemistry -o cat.png
  genlab vae train --run runs/vae && genlab vae grid runs/vae -o grid.png
  genlab gan train --minutes 15 --run runs/gan && genlab gan sample runs/gan -o digits.png
  genlab info

Every command is also a Python call, e.g. genlab.text.train(...) and genlab.text.generate(...).
"""


def build_parser():
    from genlab.cli import assets, dream, gan, info, style, text, vae
    from genlab.cli.common import Parser

    parser = Parser(
        prog="genlab",
        description="Generative deep learning on your own data, offline, on a CPU.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"genlab {__version__}")
    groups = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in (assets, text, dream, style, vae, gan, info):
        module.register(groups)
    return parser


def main(argv=None):
    parser = build_parser()
    try:
        args = parser.parse_args(_with_default_subcommand(sys.argv[1:] if argv is None else list(argv)))
    except SystemExit as exit:  # a bad option (one line printed, 2) or --help (0): a status, as for the rest
        return exit.code
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        require_backend()
        if not getattr(args, "light", False):  # commands that need no network start without Keras
            import_keras_quietly()
        return args.handler(args) or 0
    except GenlabError as error:
        print(f"genlab: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as interrupt:
        print(f"genlab: {interrupt or 'interrupted'}", file=sys.stderr)
        return 130
    except MemoryError:
        print("genlab: error: out of memory; try a smaller input or batch", file=sys.stderr)
        return 2


def _with_default_subcommand(argv):
    if len(argv) > 1 and argv[0] in DEFAULT_SUBCOMMANDS:
        default, known = DEFAULT_SUBCOMMANDS[argv[0]]
        if argv[1] not in known:
            return [argv[0], default, *argv[1:]]
    return argv
