"""Argument helpers shared by every command group."""

import argparse
from pathlib import Path

from genlab import ranges


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other genlab error (argparse's own prints the
    whole usage first), and that takes no abbreviated options: ``--minute 1`` is an error, not ``--minutes``
    (nor, worse, silently another option)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "allow_abbrev": False})

    def error(self, message):
        self.exit(2, f"genlab: error: {message} (see `{self.prog} --help`)\n")


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


def _parser(groups, name, help, examples):
    return groups.add_parser(
        name,
        help=help,
        description=help,
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_command(groups, name, help, examples, handler):
    """Add one sub-command with an examples epilog and its handler."""
    parser = _parser(groups, name, help, examples)
    parser.set_defaults(handler=handler)
    return parser


def add_group(groups, name, help, examples):
    """Add a command group (``genlab text``, ``genlab assets`` …) and return its sub-command parsers."""
    parser = _parser(groups, name, help, examples)
    parser.set_defaults(handler=lambda _args: parser.print_help() or 2)
    return parser.add_subparsers(title="commands", metavar="COMMAND")


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
