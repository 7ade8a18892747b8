"""Argument helpers shared by every command group."""

import argparse
from pathlib import Path

from genlab import ranges
from genlab.cli.help import HelpFormatter
from genlab.precision import PRECISIONS


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other genlab error (argparse's own prints the
    whole usage first), and that takes no abbreviated options: ``--minute 1`` is an error, not ``--minutes``
    (nor, worse, silently another option)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "allow_abbrev": False})

    def error(self, message):
        self.exit(2, f"genlab: error: {message} (see `{self.prog} --help`)\n")


def add_global_options(parser, default=None):
    """``-q/--quiet`` and ``-v/--verbose``. Every command takes them, before or after its name; only the
    top-level parser sets their default, so that a command's parser does not reset what came before it."""
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const="quiet", default=default,
                        help="print only errors and the final result")
    chosen.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const="verbose", default=default,
                        help="print more detail: the backend's start-up messages, the options as parsed, and "
                             "the traceback of an error")


GLOBAL_OPTIONS = argparse.ArgumentParser(add_help=False)
add_global_options(GLOBAL_OPTIONS, default=argparse.SUPPRESS)


class Renamed(argparse.Action):
    """An option's old name: refused with a one-line hint that names the new one. It is not in --help."""

    def __init__(self, option_strings, dest, new, **kwargs):
        super().__init__(option_strings, argparse.SUPPRESS, nargs="?", default=argparse.SUPPRESS,
                         help=argparse.SUPPRESS)
        self.new = new

    def __call__(self, parser, namespace, values, option_string=None):
        parser.error(f"{option_string}: renamed {self.new}")


def add_renamed(parser, *old, new):
    """Refuse the ``old`` option names of what is now ``new``."""
    parser.add_argument(*old, action=Renamed, new=new)


def number(allowed: ranges.Range):
    """An argparse type: the option's text as an int or float inside ``allowed``.

    Checked while the command line is parsed, so a bad value is refused before Keras is even imported.
    """

    def parse(text):
        try:
            value = int(text) if allowed.integer else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {allowed.describe()}, not {text!r}") from None
        if not allowed.contains(value):
            raise argparse.ArgumentTypeError(f"expected {allowed.describe()}, not {text}")
        return value

    parse.allowed = allowed
    return parse


def number_list(allowed: ranges.Range):
    """An argparse type: ``"0.2,0.5,1"`` → ``[0.2, 0.5, 1.0]``, each number inside ``allowed``, at least one."""
    one = number(allowed)

    def parse(text):
        values = [one(part) for part in text.split(",") if part.strip()]
        if not values:
            raise argparse.ArgumentTypeError(f"expected comma-separated numbers, not {text!r}")
        return values

    parse.allowed = allowed
    return parse


def photo(name):
    """An argparse type: a photo file that exists, or the name of a bundled one, as a path. Checked while
    parsing, so a missing photo is refused in well under a second, before Keras is imported."""
    from genlab.cli.photos import photo_path
    from genlab.errors import GenlabError

    try:
        path = Path(photo_path(name))
    except GenlabError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such photo: {name}" if not path.exists() else f"{name} is not a file")
    return str(path)


def model(text):
    """An argparse type: a run folder holding ``model.keras``, or a model file, that exists."""
    path = Path(text)
    if path.is_dir() and not (path / "model.keras").is_file():
        raise argparse.ArgumentTypeError(f"{text} is a folder without a model.keras: not a genlab run")
    if not path.exists():
        raise argparse.ArgumentTypeError(f"no such model file or run folder: {text}")
    return text


positive_int = number(ranges.COUNT)
non_negative_int = number(ranges.COUNT_OR_ZERO)
positive_float = number(ranges.POSITIVE)
non_negative_float = number(ranges.NON_NEGATIVE)
fraction = number(ranges.FRACTION)
seed = number(ranges.SEED)


def _parser(groups, name, help, examples, aliases=()):
    return groups.add_parser(
        name,
        aliases=list(aliases),
        help=help,
        description=help,
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples),
        formatter_class=HelpFormatter,
        parents=[GLOBAL_OPTIONS],
    )


def add_command(groups, name, help, examples, handler, aliases=()):
    """Add one sub-command with an examples epilog and its handler."""
    parser = _parser(groups, name, help, examples, aliases)
    parser.set_defaults(handler=handler)
    return parser


def add_group(groups, name, help, examples):
    """Add a command group (``genlab text``, ``genlab assets`` …) and return its sub-command parsers."""
    parser = _parser(groups, name, help, examples)
    parser.set_defaults(handler=lambda _args: parser.print_help() or 2)
    return parser.add_subparsers(title="commands", metavar="COMMAND")


PRECISION_HELP = ("the network's arithmetic: float32; mixed_bfloat16, bfloat16 arithmetic on float32 weights, "
                  "about 3x faster on CPUs with AMX and several times slower on others; or auto, mixed_bfloat16 "
                  "where the CPU computes bfloat16 in hardware (AMX, AVX512-BF16) and float32 elsewhere; or "
                  "mixed_float16, float16 arithmetic with loss scaling, for GPUs without fast bfloat16")


def add_trainer_arguments(parser, seed_uses):
    """The options every trainer of a run folder takes: --resume/--overwrite, --seed, --json, --tensorboard and
    the distribution options."""
    add_resume_or_overwrite(parser)
    add_seed(parser, uses=seed_uses)
    add_json(parser)
    add_tensorboard_argument(parser)
    add_distribution_arguments(parser)


def add_training_budget(parser, unit):
    """``--steps`` or ``--epochs`` (``unit``), defaulting to the preset's, and ``--minutes``: where training stops."""
    parser.add_argument(f"--{unit}", type=positive_int,
                        help=f"stop after this many {unit} in total (default: the preset's)")
    parser.add_argument("--minutes", type=positive_float, help="stop after this much wall-clock time in this call")


def add_preset_overrides(parser, options):
    """The group of options that override a trainer's preset: ``options`` are (flag, type, help) rows; the
    group is returned for options that need more than a type."""
    settings = parser.add_argument_group("settings that override the preset")
    for flag, kind, text in options:
        settings.add_argument(flag, type=kind, help=text)
    return settings


def add_precision(parser, default=None):
    """``--precision``, the same on every command; ``default`` None means the preset's."""
    parser.add_argument("--precision", choices=PRECISIONS, default=default,
                        help=PRECISION_HELP + (" (default: the preset's)" if default is None else ""))


def add_seed(parser, default=None, uses="all random choices", printed=True):
    """``--seed`` for a command that draws random numbers (``uses`` says which; ``printed``: the command
    prints the seed it drew when none was given)."""
    shown = f"default {default}" if default is not None else \
        "printed when not given" if printed else "default: a different one each time"
    parser.add_argument("--seed", type=seed, default=default,
                        help=f"random seed for {uses}: the same seed gives the same result ({shown})")


def add_resume_or_overwrite(parser):
    """``--resume`` and ``--overwrite``, the same on every trainer; they exclude each other."""
    start = parser.add_mutually_exclusive_group()
    start.add_argument("--resume", action="store_true", help="continue the run in --run exactly where it stopped")
    start.add_argument("--overwrite", action="store_true",
                       help="start over when --run already holds a run: its checkpoint, history, curves and samples "
                            "are removed once the new run's data and model are ready (other files are kept)")


def add_json(parser):
    """``--json``: the command's result as one JSON object on standard output."""
    parser.add_argument("--json", action="store_true",
                        help="print the result as one JSON object on standard output (other lines go to "
                             "standard error)")


def add_tensorboard_argument(parser):
    """``--tensorboard``, the same on every trainer."""
    parser.add_argument("--tensorboard", action="store_true",
                        help="also write TensorBoard event files to the run's tensorboard/ folder (view them with "
                        "`tensorboard --logdir RUN`, after `pip install tensorboard`)")


def add_image_data_arguments(parser, default_size):
    """The options that choose a training set of images: MNIST, a CIFAR-10 class, or a folder."""
    data = parser.add_argument_group("data")
    data.add_argument("--data", default="mnist", help="mnist (default; from the assets) or a folder of images")
    data.add_argument("--cifar10", metavar="PATH", help="CIFAR-10's python tarball (cifar-10-python.tar.gz) or its folder")
    data.add_argument("--class", dest="class_name", metavar="NAME", help="with --cifar10: one class, e.g. frog or 6")
    data.add_argument("--image-size", type=positive_int,
                      help=f"folders: images are cropped square and resized to this (default {default_size})")
    data.add_argument("--channels", type=int, choices=(1, 3), help="folders: 1 for gray, 3 for colour (default 3)")
    return data


def image_data_options(args):
    """The keyword arguments ``add_image_data_arguments`` collected, as the library's trainers take them."""
    return {"data": args.data, "cifar10": args.cifar10, "class_name": args.class_name,
            "image_size": args.image_size, "channels": args.channels}


def add_distribution_arguments(parser):
    """The options every trainer takes to train data-parallel over devices and machines (JAX backend)."""
    group = parser.add_argument_group("several devices or machines (JAX backend)")
    group.add_argument("--distribute", action="store_true",
                       help="train data-parallel over all devices of this machine; --batch-size stays the global batch")
    group.add_argument("--devices", type=positive_int, help="with --distribute: use this many devices of each machine")
    group.add_argument("--coordinator", metavar="HOST:PORT",
                       help="with --distribute: process 0's address, to train on several machines")
    group.add_argument("--num-processes", type=positive_int, help="with --coordinator: how many processes (machines)")
    group.add_argument("--process-id", type=non_negative_int, help="with --coordinator: this process's number, 0 to N-1")
    return group


def distribution_options(args):
    """The ``distribute`` argument the library's trainers take, from ``add_distribution_arguments``' options;
    any of them implies ``--distribute``."""
    from genlab.training.distribution import Distribute

    multi_host = (args.coordinator, args.num_processes, args.process_id)
    if not args.distribute and args.devices is None and multi_host == (None, None, None):
        return None
    return Distribute(args.devices, *multi_host)
