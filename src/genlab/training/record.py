"""What a run record (the ``state`` a trainer keeps in its checkpoint) must look like, and checking one.

A schema is written with plain Python values: a type (or a tuple of types) that the value must be; a dict
for a JSON object with exactly those keys, each with its own schema (wrap one in ``MayLack`` if older files
lack it); ``ListOf`` and ``MapOf`` for arrays and objects of any length; ``Integer`` for integers within
bounds; ``OneOf`` for a fixed set of values. ``bool`` is never taken for a number.
"""

from collections import namedtuple

from genlab.errors import GenlabError
from genlab.training.archive_checks import REMEDY, STATE_MEMBER

NUMBER = (int, float)
NONE = type(None)
ROOT = "the run record"

MayLack = namedtuple("MayLack", "schema")
ListOf = namedtuple("ListOf", "schema length", defaults=(None,))
MapOf = namedtuple("MapOf", "schema")
Integer = namedtuple("Integer", "minimum maximum", defaults=(None,))


class OneOf:
    def __init__(self, *values):
        self.values = values


#: What every trainer keeps: the seed, the global step, wall-clock seconds and one record per epoch.
COMMON = {"seed": Integer(0, 2**32 - 1), "step": Integer(0), "seconds": MayLack(NUMBER),
          "history": ListOf(MapOf(NUMBER))}


def check_record(path, state, schema):
    """Refuse the checkpoint at ``path`` unless its run record ``state`` fits ``schema``."""
    problem = _problem(state, schema, ROOT)
    if problem:
        raise GenlabError(f"{path} is damaged (its member {STATE_MEMBER!r}: {problem}): {REMEDY}")


def _problem(value, schema, where):
    """What is wrong with ``value`` (at ``where``), or None."""
    if isinstance(schema, dict):
        return _object_problem(value, schema, where)
    if isinstance(schema, ListOf):
        if not isinstance(value, list):
            return f"{where} is not a list"
        if schema.length is not None and len(value) != schema.length:
            return f"{where} has {len(value)} items, not {schema.length}"
        return next(filter(None, (_problem(item, schema.schema, f"{where}[{i}]") for i, item in enumerate(value))), None)
    if isinstance(schema, MapOf):
        if not isinstance(value, dict):
            return f"{where} is not an object"
        return next(filter(None, (_problem(item, schema.schema, _at(where, key)) for key, item in value.items())), None)
    if isinstance(schema, Integer):
        if not _is(value, int) or value < schema.minimum or (schema.maximum is not None and value > schema.maximum):
            limits = f"from {schema.minimum} to {schema.maximum}" if schema.maximum is not None else \
                f"of at least {schema.minimum}"
            return f"{where} is {_shown(value)}, not an integer {limits}"
        return None
    if isinstance(schema, OneOf):
        return None if value in schema.values and not isinstance(value, bool) else \
            f"{where} is {_shown(value)}, not one of {', '.join(map(repr, schema.values))}"
    return None if _is(value, schema) else f"{where} is {_shown(value)}, not of type {_names(schema)}"


def _object_problem(value, schema, where):
    if not isinstance(value, dict):
        return f"{where} is not an object"
    unknown = sorted(set(value) - set(schema))
    if unknown:
        return f"{where} has an unknown key {unknown[0]!r}"
    for key, item_schema in schema.items():
        lacking_allowed = isinstance(item_schema, MayLack)
        if key not in value:
            if lacking_allowed:
                continue
            return f"{where} lacks {key!r}"
        problem = _problem(value[key], item_schema.schema if lacking_allowed else item_schema, _at(where, key))
        if problem:
            return problem
    return None


def _at(where, key):
    return key if where == ROOT else f"{where}.{key}"


def _is(value, types):
    types = types if isinstance(types, tuple) else (types,)
    return isinstance(value, types) and not (isinstance(value, bool) and bool not in types)


def _names(types):
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join("null" if t is type(None) else t.__name__ for t in types)


def _shown(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
