"""OpenAPI 3.0 component schemas compiled into fast validators.

LINE's OpenAPI documents describe polymorphic objects (messages, actions, flex components,
templates …) with a base schema that carries a ``discriminator`` and subtypes that extend the
base through ``allOf``.  A reference to the base from a property means "one of the subtypes,
chosen by the discriminator property"; a reference to the base from a subtype's ``allOf``
means "the base's own properties".  Both readings are compiled here.

Two products come out of one document:

* :meth:`SchemaSet.validate` – closures compiled once, returning LINE-style violations
  (``property`` like ``messages[0].quickReply.items[13]``) in a few microseconds per node;
* :meth:`SchemaSet.json_schema` – an equivalent JSON Schema (2020-12) for use with
  the ``jsonschema`` package, e.g. to cross-check builders in other tests.

Extra constraints that LINE documents but the OpenAPI file does not express are passed in
as an *overlay*: ``{ComponentName: schema fragment}``; each fragment is applied to the
component as one more ``allOf`` member.  Fragments may use two keywords of our own:
``maxGraphemes`` (length counted in user-perceived characters, as LINE counts labels) and
``x-check`` (a Python callable ``(value, path, errors) -> None`` for rules between fields).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

import yaml

__all__ = [
    "Check",
    "PathNode",
    "SchemaSet",
    "Violation",
    "add_violation",
    "grapheme_length",
    "render_path",
    "utf16_length",
]

# A path is a linked list of (parent, segment) tuples, built cheaply while walking and
# rendered only when something is wrong.
PathNode = tuple | None


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem in a request body, shaped like an entry of LINE's ``details``."""

    property: str
    message: str

    def as_detail(self) -> dict[str, str]:
        return {"message": self.message, "property": self.property}


Check = Callable[[Any, PathNode, list[Violation]], None]


def render_path(path: PathNode) -> str:
    """``(((None,'messages'),0),'text')`` -> ``messages[0].text``."""
    parts: list[str | int] = []
    while path is not None:
        path, segment = path
        parts.append(segment)
    out: list[str] = []
    for segment in reversed(parts):
        if isinstance(segment, int):
            out.append(f"[{segment}]")
        elif out:
            out.append("." + segment)
        else:
            out.append(segment)
    return "".join(out)


def add_violation(errors: list[Violation], path: PathNode, message: str) -> None:
    errors.append(Violation(render_path(path), message))


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit LINE uses for most text limits."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


_EXTENDING = frozenset({"Mn", "Me", "Mc", "Cf"})
_SPACING_MARKS = frozenset({"\u0e33", "\u0eb3"})  # Thai / Lao SARA AM join the previous cluster


def grapheme_length(text: str) -> int:
    """Approximate number of grapheme clusters (UAX #29) – how LINE counts action labels.

    Combining marks (Thai vowels above/below and tone marks, accents), format characters,
    variation selectors and emoji skin tones extend the previous cluster; a ZWJ glues the
    next character on; two regional indicators make one flag.
    """
    if text.isascii():
        return len(text)
    count = 0
    after_zwj = False
    open_flag = False
    for ch in text:
        code = ord(ch)
        if ch in _SPACING_MARKS or 0x1F3FB <= code <= 0x1F3FF or unicodedata.category(ch) in _EXTENDING:
            after_zwj = ch == "\u200d"
            continue
        if after_zwj:
            after_zwj = False
            continue
        if 0x1F1E6 <= code <= 0x1F1FF:
            open_flag = not open_flag
            if not open_flag:
                continue
        else:
            open_flag = False
        count += 1
    return count


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}
_TYPE_MESSAGES = {
    "object": "must be an object",
    "array": "must be an array",
    "string": "must be a string",
    "integer": "must be an integer",
    "number": "must be a number",
    "boolean": "must be a boolean",
}
# exact types of JSON-decoded values (bool is not an int here)
_SCALARS: dict[str, tuple[type, ...]] = {"string": (str,), "integer": (int,), "number": (int, float),
                                         "boolean": (bool,)}
_SCALAR_KEYS = frozenset({"type", "enum", "description", "example", "default", "format", "x-enum-varnames",
                          "x-enum-descriptions", "nullable"})
_MERGE_KEYS = frozenset({"type", "properties", "required", "x-check", "description", "externalDocs",
                         "example", "discriminator", "title"})
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")


def _size_message(low: int | None, high: int | None, word: str) -> str:
    if high is None:
        return f"{word} must be at least {low}"
    return f"{word} must be between {low or 0} and {high}"


def _enum_message(values: Iterable[Any]) -> str:
    return "Must be one of the following values: [" + ", ".join(str(v) for v in values) + "]"


def _mergeable(facet: Mapping[str, Any]) -> bool:
    return facet.get("type", "object") == "object" and set(facet) <= _MERGE_KEYS


def _merge(facets: list[Mapping[str, Any]]) -> dict[str, Any]:
    """One object schema equivalent to all ``facets`` holding at once."""
    properties: dict[str, list[Any]] = {}
    required: list[str] = []
    checks: list[Any] = []
    typed = False
    for facet in facets:
        typed = typed or facet.get("type") == "object"
        for name, sub in (facet.get("properties") or {}).items():
            properties.setdefault(name, []).append(sub)
        required.extend(r for r in facet.get("required", ()) if r not in required)
        if "x-check" in facet:
            checks.append(facet["x-check"])
    merged: dict[str, Any] = {
        # "x-all": every schema holds, each read as a property reference ($ref dispatches)
        "properties": {n: subs[0] if len(subs) == 1 else {"x-all": subs} for n, subs in properties.items()},
        "required": required,
    }
    if typed:
        merged["type"] = "object"
    if checks:
        merged["x-check"] = checks
    return merged


class _Compiler:
    def __init__(self, components: Mapping[str, Any], overlay: Mapping[str, Mapping[str, Any]]) -> None:
        self.components = components
        self.overlay = overlay
        self.cache: dict[tuple[str, bool], Check] = {}

    # -- references -------------------------------------------------------------------
    def ref(self, ref: str, *, dispatch: bool) -> Check:
        name = ref.rsplit("/", 1)[-1]
        schema = self.components[name]
        dispatch = dispatch and "discriminator" in schema
        key = (name, dispatch)
        if key in self.cache:
            return self.cache[key]
        cell: list[Check] = []

        def forward(value: Any, path: PathNode, errors: list[Violation]) -> None:
            cell[0](value, path, errors)

        self.cache[key] = forward
        if dispatch:
            check = self.dispatcher(schema)
        else:
            check = self.compile(schema, extra=self.overlay.get(name))
        cell.append(check)
        self.cache[key] = check
        return check

    def dispatcher(self, schema: Mapping[str, Any]) -> Check:
        prop = schema["discriminator"]["propertyName"]
        mapping = schema["discriminator"]["mapping"]
        targets = {key: self.ref(target, dispatch=False) for key, target in mapping.items()}
        allowed = _enum_message(mapping)

        def check(value: Any, path: PathNode, errors: list[Violation]) -> None:
            if type(value) is not dict:
                add_violation(errors, path, "must be an object")
                return
            kind = value.get(prop)
            if kind is None:
                add_violation(errors, (path, prop), "must be specified")
                return
            target = targets.get(kind) if isinstance(kind, str) else None
            if target is None:
                add_violation(errors, (path, prop), allowed)
                return
            target(value, path, errors)

        return check

    # -- schemas ----------------------------------------------------------------------
    def compile(self, schema: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> Check:
        if "$ref" in schema:
            base = self.ref(schema["$ref"], dispatch=True)
            if extra is None:
                return base
            more = self.compile(extra)

            def both(value: Any, path: PathNode, errors: list[Violation]) -> None:
                base(value, path, errors)
                more(value, path, errors)

            return both

        if "x-all" in schema:
            parts = tuple(self.compile(sub) for sub in schema["x-all"])

            def every(value: Any, path: PathNode, errors: list[Violation]) -> None:
                for part in parts:
                    part(value, path, errors)

            return every

        if "allOf" in schema or extra is not None:
            facets = self._facets(schema, extra)
            if all(_mergeable(facet) for facet in facets):
                return self._compile_node(_merge(facets), [])
        subchecks: list[Check] = []
        for sub in schema.get("allOf", ()):
            if "$ref" in sub:
                subchecks.append(self.ref(sub["$ref"], dispatch=False))
            else:
                subchecks.append(self.compile(sub))
        if extra is not None:
            subchecks.append(self.compile(extra))
        return self._compile_node(schema, subchecks)

    def _facets(self, schema: Mapping[str, Any], extra: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
        """The schema, its ``allOf`` members (a base by ``$ref`` read without its discriminator)
        and the overlay, as a flat list of fragments that must all hold."""
        facets: list[Mapping[str, Any]] = [{k: v for k, v in schema.items() if k != "allOf"}]
        for sub in schema.get("allOf", ()):
            if "$ref" in sub:
                name = sub["$ref"].rsplit("/", 1)[-1]
                facets.extend(self._facets(self.components[name], self.overlay.get(name)))
            else:
                facets.extend(self._facets(sub, None))
        if extra is not None:
            facets.extend(self._facets(extra, None))
        return facets

    def _compile_node(self, schema: Mapping[str, Any], subchecks: list[Check]) -> Check:
        alternatives = [self.compile(sub) for sub in schema.get("oneOf", ()) or schema.get("anyOf", ())]
        custom = schema.get("x-check")
        customs: tuple[Callable[..., None], ...] = (
            () if custom is None else tuple(custom) if isinstance(custom, list | tuple) else (custom,)
        )

        declared = schema.get("type")
        if declared is None and ("properties" in schema or "required" in schema):
            declared_kind = "object?"  # object keywords apply only when the value is an object
        else:
            declared_kind = declared
        nullable = bool(schema.get("nullable"))
        keyword_checks = self._keywords(schema, declared_kind)
        types = _JSON_TYPES.get(declared) if declared else None
        type_message = _TYPE_MESSAGES.get(declared or "", "")
        reject_bool = declared in ("integer", "number")

        def check(value: Any, path: PathNode, errors: list[Violation]) -> None:
            if value is None:
                if nullable or types is None:
                    return
                add_violation(errors, path, type_message)
                return
            if types is not None and (
                not isinstance(value, types) or (reject_bool and isinstance(value, bool))
            ):
                add_violation(errors, path, type_message)
                return
            for keyword_check in keyword_checks:
                keyword_check(value, path, errors)
            for sub in subchecks:
                sub(value, path, errors)
            if alternatives:
                for alternative in alternatives:
                    trial: list[Violation] = []
                    alternative(value, path, trial)
                    if not trial:
                        break
                else:
                    add_violation(errors, path, "does not match any of the allowed shapes")
            for rule in customs:
                rule(value, path, errors)

        return check

    def _keywords(self, schema: Mapping[str, Any], kind: str | None) -> list[Check]:
        checks: list[Check] = []
        if "enum" in schema:
            allowed = frozenset(schema["enum"])
            message = _enum_message(schema["enum"])

            def enum_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
                try:
                    ok = value in allowed
                except TypeError:
                    ok = False
                if not ok:
                    add_violation(errors, path, message)

            checks.append(enum_check)

        if kind in ("string", None):
            checks.extend(self._string_keywords(schema, strict=kind == "string"))
        if kind in ("integer", "number", None):
            checks.extend(self._number_keywords(schema))
        if kind in ("array", None):
            checks.extend(self._array_keywords(schema))
        if kind in ("object", "object?", None):
            checks.extend(self._object_keywords(schema))
        return checks

    def _string_keywords(self, schema: Mapping[str, Any], *, strict: bool) -> list[Check]:
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

    def _number_keywords(self, schema: Mapping[str, Any]) -> list[Check]:
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

    def _array_keywords(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        low, high = schema.get("minItems"), schema.get("maxItems")
        if low is not None or high is not None:
            message = _size_message(low, high, "Size")
            lo = low or 0

            def size_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
                if type(value) is list and (len(value) < lo or (high is not None and len(value) > high)):
                    add_violation(errors, path, message)

            checks.append(size_check)
        if "items" in schema:
            scalar_types, scalar_values, type_message, item_check = self._property(schema["items"])

            def items_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
                if type(value) is not list:
                    return
                if item_check is not None:
                    for index, item in enumerate(value):
                        item_check(item, (path, index), errors)
                    return
                for index, item in enumerate(value):
                    if type(item) not in scalar_types:
                        add_violation(errors, (path, index), type_message)
                    elif scalar_values is not None and item not in scalar_values:
                        add_violation(errors, (path, index), _enum_message(scalar_values))

            checks.append(items_check)
        return checks

    def _property(self, schema: Mapping[str, Any]) -> tuple[tuple[type, ...], Any, str, Check | None]:
        """A plain scalar (only ``type``, maybe ``enum``) is checked inline by its object."""
        declared = schema.get("type")
        if declared in _SCALARS and set(schema) <= _SCALAR_KEYS and schema.get("nullable", False) is not True \
                and schema.get("format") != "uri":
            values = tuple(schema["enum"]) if "enum" in schema else None
            return _SCALARS[declared], values, _TYPE_MESSAGES[declared], None
        return (), None, "", self.compile(schema)

    def _object_keywords(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        required = tuple(schema.get("required", ()))
        if required:

            def required_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
                if type(value) is dict:
                    for name in required:
                        if value.get(name) is None:
                            add_violation(errors, (path, name), "must be specified")

            checks.append(required_check)
        properties = schema.get("properties") or {}
        if properties:
            compiled = {name: self._property(sub) for name, sub in properties.items()}

            def properties_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
                # objects carry few of the many declared properties: walk what is there
                if type(value) is not dict:
                    return
                for name, item in value.items():
                    entry = compiled.get(name)
                    if entry is None or item is None:  # null reads as absent (required says so)
                        continue
                    scalar_types, scalar_values, message, sub = entry
                    if sub is not None:
                        sub(item, (path, name), errors)
                    elif type(item) not in scalar_types:
                        add_violation(errors, (path, name), message)
                    elif scalar_values is not None and item not in scalar_values:
                        add_violation(errors, (path, name), _enum_message(scalar_values))

            checks.append(properties_check)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            known = frozenset(properties)
            extra_check = self.compile(extra)

            def additional_check(value: Any, path: PathNode, errors: list[Violation]) -> None:
                if type(value) is dict:
                    for name, item in value.items():
                        if name not in known:
                            extra_check(item, (path, name), errors)

            checks.append(additional_check)
        return checks


class SchemaSet:
    """The component schemas of one OpenAPI document, compiled on demand and cached."""

    def __init__(self, document: Mapping[str, Any], overlay: Mapping[str, Mapping[str, Any]] | None = None):
        self.document = document
        self.components: Mapping[str, Any] = document.get("components", {}).get("schemas", {})
        self.overlay: Mapping[str, Mapping[str, Any]] = overlay or {}
        self._compiler = _Compiler(self.components, self.overlay)

    @classmethod
    def from_file(cls, path: str | FsPath, overlay: Mapping[str, Mapping[str, Any]] | None = None) -> SchemaSet:
        with open(path, encoding="utf-8") as handle:
            return cls(yaml.safe_load(handle), overlay)

    def __contains__(self, name: str) -> bool:
        return name in self.components

    def validator(self, name: str) -> Check:
        """The compiled check for component ``name`` (discriminator applied if it has one)."""
        return self._compiler.ref(f"#/components/schemas/{name}", dispatch=True)

    def validate(self, name: str, value: Any) -> list[Violation]:
        errors: list[Violation] = []
        self.validator(name)(value, None, errors)
        return errors

    def compile_all(self) -> None:
        """Compile every component now (so the first request pays nothing)."""
        for name in self.components:
            self.validator(name)

    # -- JSON Schema export -----------------------------------------------------------
    def json_schema(self, name: str) -> dict[str, Any]:
        """A JSON Schema (2020-12) equivalent of component ``name`` for the ``jsonschema`` package.

        ``maxGraphemes`` becomes ``maxLength`` (code points, an upper bound of graphemes is
        not expressible) and ``x-check`` rules are left out.
        """
        polymorphic = frozenset(n for n, sc in self.components.items() if "discriminator" in sc)
        defs: dict[str, Any] = {}
        for component, schema in self.components.items():
            plain = _to_json_schema(schema, polymorphic)
            extra = self.overlay.get(component)
            if extra is not None:
                plain = {"allOf": [plain, _to_json_schema(extra, polymorphic)]}
            defs[component] = plain
            if component in polymorphic:
                prop = schema["discriminator"]["propertyName"]
                mapping = schema["discriminator"]["mapping"]
                defs[component + ".dispatch"] = {
                    "type": "object",
                    "required": [prop],
                    "properties": {prop: {"enum": list(mapping)}},
                    "allOf": [
                        {
                            "if": {"properties": {prop: {"const": key}}, "required": [prop]},
                            "then": {"$ref": "#/$defs/" + target.rsplit("/", 1)[-1]},
                        }
                        for key, target in mapping.items()
                    ],
                }
        root = "#/$defs/" + name + (".dispatch" if name in polymorphic else "")
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": root, "$defs": defs}


_DROPPED = frozenset({"discriminator", "nullable", "example", "externalDocs", "description", "x-check",
                      "x-enum-varnames", "x-enum-descriptions", "format"})


def _to_json_schema(schema: Any, polymorphic: frozenset[str]) -> Any:
    """OpenAPI 3.0 schema object -> JSON Schema; ``$ref`` to a polymorphic base dispatches,
    except inside ``allOf`` where it means the base's own properties."""
    if isinstance(schema, list):
        return [_to_json_schema(item, polymorphic) for item in schema]
    if not isinstance(schema, Mapping):
        return copy.deepcopy(schema)
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROPPED:
            continue
        if key == "$ref":
            out["$ref"] = _json_ref(value, polymorphic, dispatch=True)
        elif key == "allOf":
            out["allOf"] = [
                {"$ref": _json_ref(sub["$ref"], polymorphic, dispatch=False)} if "$ref" in sub
                else _to_json_schema(sub, polymorphic)
                for sub in value
            ]
        elif key == "properties":
            out["properties"] = {k: _to_json_schema(v, polymorphic) for k, v in value.items()}
        elif key == "maxGraphemes":
            out["maxLength"] = value
        elif isinstance(value, (dict, list)):
            out[key] = _to_json_schema(value, polymorphic)
        else:
            out[key] = value
    if schema.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    return out


def _json_ref(ref: str, polymorphic: frozenset[str], *, dispatch: bool) -> str:
    name = ref.rsplit("/", 1)[-1]
    return "#/$defs/" + name + (".dispatch" if dispatch and name in polymorphic else "")
