"""The component schemas as one JSON Schema (2020-12) document, for the ``jsonschema`` package.

``$ref`` to a polymorphic base dispatches on its discriminator (through a ``<name>.dispatch``
definition), except inside ``allOf`` where it means the base's own properties.  ``maxGraphemes``
becomes ``maxLength`` (code points, an upper bound of graphemes is not expressible) and
``x-check`` rules are left out.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

_DROPPED = frozenset({"discriminator", "nullable", "example", "externalDocs", "description", "x-check",
                      "x-enum-varnames", "x-enum-descriptions", "format"})


def json_schema_document(
    components: Mapping[str, Any], overlay: Mapping[str, Mapping[str, Any]], name: str
) -> dict[str, Any]:
    """A JSON Schema whose root is component ``name``, every component under ``$defs``."""
    polymorphic = frozenset(n for n, sc in components.items() if "discriminator" in sc)
    defs: dict[str, Any] = {}
    for component, schema in components.items():
        plain = _to_json_schema(schema, polymorphic)
        extra = overlay.get(component)
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
