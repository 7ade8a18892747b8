"""``genlab info``: what a bug report needs about this machine."""

from genlab.cli.common import add_command


def register(groups):
    add_command(groups, "info", "Print the backend, versions, devices, fast number formats, asset cache and "
                "distribution settings (for bug reports).", ["genlab info", "KERAS_BACKEND=jax genlab info"], _info)


def _info(_args):
    from genlab.environment import describe, info

    print("\n".join(describe(info())))
