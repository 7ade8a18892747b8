"""Argument helpers shared by every command group."""

import argparse


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


def parse_floats(text):
    """``"0.2,0.5,1"`` → ``[0.2, 0.5, 1.0]``; an argparse type and a helper for comma-separated options."""
    try:
        return [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated numbers, got {text!r}") from None
