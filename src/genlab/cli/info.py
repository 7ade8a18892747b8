"""``genlab info``: what a bug report needs about this machine."""

from genlab.cli.common import add_command, add_json
from genlab.cli.output import result


def register(groups):
    command = add_command(groups, "info", "Print the backend, versions, devices, fast number formats, asset cache "
                          "and distribution settings (for bug reports).",
                          ["genlab info", "KERAS_BACKEND=jax genlab info", "genlab info --json"], _info)
    add_json(command)


def _info(_args):
    from genlab.environment import describe, info

    facts = info()
    result("\n".join(describe(facts)), facts)
