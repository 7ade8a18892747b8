"""How ``--help`` looks: examples kept as written, and every option's default shown."""

import argparse


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks and ends each option's help with its default, unless the help already
    says what the default is ("default: the preset's") or the option has none."""

    def _get_help_string(self, action):
        help = action.help or ""
        if not action.option_strings or "default" in help or action.default in (None, False, argparse.SUPPRESS):
            return help
        return f"{help} (default {shown(action.default).replace('%', '%%')})"


def shown(value):
    """A default as it would be typed: ``0.5``, ``0.2,0.5``, ``runs/text``."""
    if isinstance(value, (list, tuple)):
        return ",".join(map(shown, value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
