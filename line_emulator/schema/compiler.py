"""OpenAPI 3.0 component schemas compiled into validating closures.

LINE's OpenAPI documents describe polymorphic objects (messages, actions, flex components,
templates …) with a base schema that carries a ``discriminator`` and subtypes that extend the
base through ``allOf``.  A reference to the base from a property means "one of the subtypes,
chosen by the discriminator property" (:meth:`SchemaCompiler.dispatcher`); a reference to the base
from a subtype's ``allOf`` means "the base's own properties".  An ``allOf`` whose members are
all plain object fragments is merged into one object schema, so each property is walked once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from line_emulator.schema.keywords import (
    JSON_TYPES,
    SCALAR_KEYS,
    SCALARS,
    TYPE_MESSAGES,
    array_size_checks,
    enum_checks,
    enum_message,
    number_checks,
    string_checks,
)
from line_emulator.schema.violations import Check, PathNode, Violation, add_violation

_MERGE_KEYS = frozenset({"type", "properties", "required", "x-check", "description", "externalDocs",
                         "example", "discriminator", "title"})


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


class SchemaCompiler:
    """Compiles the components of one document (plus their overlay fragments) into checks, once each."""

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
        allowed = enum_message(mapping)

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
        types = JSON_TYPES.get(declared) if declared else None
        type_message = TYPE_MESSAGES.get(declared or "", "")
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
        """The checks of the keywords that apply to a value of ``kind`` (None: whatever it is)."""
        checks = enum_checks(schema)
        if kind in ("string", None):
            checks.extend(string_checks(schema))
        if kind in ("integer", "number", None):
            checks.extend(number_checks(schema))
        if kind in ("array", None):
            checks.extend(array_size_checks(schema))
            checks.extend(self._items_keywords(schema))
        if kind in ("object", "object?", None):
            checks.extend(self._object_keywords(schema))
        return checks

    def _items_keywords(self, schema: Mapping[str, Any]) -> list[Check]:
        if "items" not in schema:
            return []
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
                    add_violation(errors, (path, index), enum_message(scalar_values))

        return [items_check]

    def _property(self, schema: Mapping[str, Any]) -> tuple[tuple[type, ...], Any, str, Check | None]:
        """A plain scalar (only ``type``, maybe ``enum``) is checked inline by its object."""
        declared = schema.get("type")
        if declared in SCALARS and set(schema) <= SCALAR_KEYS and schema.get("nullable", False) is not True \
                and schema.get("format") != "uri":
            values = tuple(schema["enum"]) if "enum" in schema else None
            return SCALARS[declared], values, TYPE_MESSAGES[declared], None
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
                        add_violation(errors, (path, name), enum_message(scalar_values))

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
