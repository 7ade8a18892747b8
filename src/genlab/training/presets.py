"""Named settings: a trainer's preset table, one preset chosen by name, single settings overridden."""

import copy

from genlab.errors import GenlabError


def preset_settings(presets: dict, preset: str, overrides: dict, kind: str) -> dict:
    """A copy of ``presets[preset]`` with the ``overrides`` that are not None applied; an unknown preset or
    setting is a GenlabError that names ``kind`` ("GAN", "VAE" …) and the choices."""
    if preset not in presets:
        raise GenlabError(f"unknown {kind} preset {preset!r}; choose one of {', '.join(presets)}")
    settings = copy.deepcopy(presets[preset])
    for name, value in overrides.items():
        if name not in settings:
            raise GenlabError(f"unknown {kind} setting {name.replace('_', '-')!r}")
        if value is not None:
            settings[name] = value
    return settings
