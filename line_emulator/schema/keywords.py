"""Checks for the keywords that constrain one value by itself: its type, ``enum``, string length
(UTF-16 units, or graphemes with ``maxGraphemes``), ``pattern``, ``format: uri``, number range
and array size.  Keywords that hold nested schemas (properties, items) are compiled in
:mod:`line_emulator.schema.compiler`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from line_emulator.schema.text_length import grapheme_length, utf16_length
from line_emulator.schema.violations import Check, PathNode, Violation, add_violation

JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}
TYPE_MESSAGES = {
    "object": "must be an object",
    "array": "must be an array",
    "string": "must be a string",
    "integer": "must be an integer",
    "number": "must be a number",
    "boolean": "must be a boolean",
}
# exact types of JSON-decoded values (bool is not an int here)
SCALARS: dict[str, tuple[type, ...]] = {"string": (str,), "integer": (int,), "number": (int, float),
                                        "boolean": (bool,)}
# a schema with only these keywords is a plain scalar, checked inline by its object or array
SCALAR_KEYS = frozenset({"type", "enum", "description", "example", "default", "format", "x-enum-varnames",
                         "x-enum-descriptions", "nullable"})
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")


def _size_message(low: int | None, high: int | None, word: str) -> str:
    if high is None:
        return f"{word} must be at least {low}"
    return f"{word} must be between {low or 0} and {high}"


def enum_message(values: Iterable[Any]) -> str:
    return "Must be one of the following values: [" + ", ".join(str(v) for v in values) + "]"


def enum_checks(schema: Mapping[str, Any]) -> list[Check]:
    if "enum" not in schema:
        return []
    allowed = frozenset(schema["enum"])
    message = enum_message(schema["enum"])

    def enum_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
        try:
            ok = value in allowed
        except TypeError:
            ok = False
        if not ok:
            add_violation(errors, path, message)

    return [enum_check]


def string_checks(schema: Mapping[str, Any]) -> list[Check]:
    checks: list[Check] = []
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low is not None or high is not None:
        message = _size_message(low, high, "Length")
        lo, hi = low or 0, high

        def length_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
            if type(value) is not str:
                return
            n = len(value)
            if hi is not None and n > hi // 2:
                n = utf16_length(value)
            if n < lo or (hi is not None and n > hi):
                add_violation(errors, path, message)

        checks.append(length_check)
    limit = schema.get("maxGraphemes")
    if limit is not None:
        g_message = f"Length must be between {schema.get('minLength') or 0} and {limit}"

        def grapheme_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
            if type(value) is str and len(value) > limit and grapheme_length(value) > limit:
                add_violation(errors, path, g_message)

        checks.append(grapheme_check)
    if "pattern" in schema:
        pattern = re.compile(schema["pattern"])
        p_message = f'must match "{schema["pattern"]}"'

        def pattern_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
            if type(value) is str and pattern.search(value) is None:
                add_violation(errors, path, p_message)

        checks.append(pattern_check)
    if schema.get("format") == "uri":

        def uri_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
            if type(value) is str and _URI.match(value) is None:
                add_violation(errors, path, "must be a valid URI")

        checks.append(uri_check)
    return checks


def number_checks(schema: Mapping[str, Any]) -> list[Check]:
    checks: list[Check] = []
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is None and high is None:
        return checks

    def range_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
        if type(value) not in (int, float):
            return
        if low is not None and value < low:
            add_violation(errors, path, f"must be greater than or equal to {low}")
        elif high is not None and value > high:
            add_violation(errors, path, f"must be less than or equal to {high}")

    checks.append(range_check)
    return checks


def array_size_checks(schema: Mapping[str, Any]) -> list[Check]:
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low is None and high is None:
        return []
    message = _size_message(low, high, "Size")
    lo = low or 0

    def size_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
        if type(value) is list and (len(value) < lo or (high is not None and len(value) > high)):
            add_violation(errors, path, message)

    return [size_check]
