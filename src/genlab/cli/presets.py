"""``genlab text|vae|gan presets``: what each named preset sets, read from the technique's preset table."""

import importlib

from genlab.cli.common import add_command, add_json
from genlab.cli.help import shown
from genlab.cli.output import result


def add_presets_command(commands, technique, module):
    """Add ``genlab TECHNIQUE presets``, which shows the ``PRESETS`` of the module named ``module``."""
    command = add_command(commands, "presets", f"Show what each {technique} preset sets.", [
        f"genlab {technique} presets",
        f"genlab {technique} presets --json",
    ], lambda args: _show(importlib.import_module(module).PRESETS))
    add_json(command)
    return command


def _show(table):
    presets = dict(flattened_presets(table))
    lines = []
    for name, settings in presets.items():
        width = max(map(len, settings))
        lines += [name] + [f"  {key:<{width}}  {shown(value)}" for key, value in settings.items()] + [""]
    result("\n".join(lines).rstrip("\n"), presets)
    return 0


def flattened_presets(table, names=()):
    """(name, {setting: value}) for every preset in ``table``. Levels whose values are all tables group
    presets (``char`` → ``book``; the name becomes "char book"); a preset's nested settings become dotted
    names (``model.units``)."""
    if all(isinstance(value, dict) for value in table.values()):
        for name, inner in table.items():
            yield from flattened_presets(inner, (*names, name))
        return
    yield " ".join(names), dict(_dotted(table))


def _dotted(settings, prefix=""):
    for key, value in settings.items():
        if isinstance(value, dict):
            yield from _dotted(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value
