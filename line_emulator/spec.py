"""The LINE API surface read from the OpenAPI document: operations, path matching, schemas."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from line_emulator.limits import LINE_LIMITS
from line_emulator.schema import SchemaSet

__all__ = ["LineApiSpec", "Operation", "load_spec"]

_METHODS = ("get", "post", "put", "delete", "patch")


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    method: str
    path: str
    pattern: re.Pattern[str]
    request_schema: str | None
    """Component name of the JSON request body, if the operation takes one."""
    binary_body: bool
    success_status: int
    response_schema: str | None
    retry_key: bool
    """Accepts ``X-Line-Retry-Key``."""


def _path_pattern(path: str) -> re.Pattern[str]:
    regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path))
    return re.compile(f"^{regex}$")


def _specificity(path: str) -> tuple[int, ...]:
    # literal segments before parameters, so /richmenu/list wins over /richmenu/{richMenuId}
    return tuple(1 if segment.startswith("{") else 0 for segment in path.strip("/").split("/"))


def _ref_name(schema: Mapping[str, Any] | None) -> str | None:
    if not schema or "$ref" not in schema:
        return None
    return schema["$ref"].rsplit("/", 1)[-1]


class LineApiSpec:
    """Operations of ``messaging-api.yml`` plus compiled validators (LINE limits included)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.schemas = SchemaSet(document, LINE_LIMITS)
        operations: list[Operation] = []
        for path, item in document.get("paths", {}).items():
            for method in _METHODS:
                op = item.get(method)
                if op is None:
                    continue
                content = (op.get("requestBody") or {}).get("content") or {}
                json_body = content.get("application/json")
                success = sorted(code for code in op.get("responses", {}) if str(code).startswith("2"))
                success_code = str(success[0]) if success else "200"
                response_content = (op["responses"].get(success_code) or {}).get("content") or {}
                response_json = response_content.get("application/json")
                parameters = list(item.get("parameters", ())) + list(op.get("parameters", ()))
                operations.append(
                    Operation(
                        operation_id=op["operationId"],
                        method=method.upper(),
                        path=path,
                        pattern=_path_pattern(path),
                        request_schema=_ref_name(json_body.get("schema")) if json_body else None,
                        binary_body=bool(content) and json_body is None,
                        success_status=int(success_code),
                        response_schema=_ref_name(response_json.get("schema")) if response_json else None,
                        retry_key=any(p.get("name") == "X-Line-Retry-Key" for p in parameters),
                    )
                )
        operations.sort(key=lambda o: _specificity(o.path))
        self.operations = operations
        self.by_id = {o.operation_id: o for o in operations}
        self.schemas.compile_all()

    def match(self, method: str, path: str) -> tuple[Operation | None, dict[str, str], bool]:
        """``(operation, path params, path_exists)``; path_exists without operation means 405."""
        path_exists = False
        for op in self.operations:
            found = op.pattern.match(path)
            if found is None:
                continue
            path_exists = True
            if op.method == method:
                return op, found.groupdict(), True
        return None, {}, path_exists

    def default_response(self, op: Operation) -> Any:
        """A minimal body that satisfies the response schema (required fields only)."""
        if op.response_schema is None:
            return {}
        return self._example(self.schemas.components[op.response_schema], depth=0)

    def _example(self, schema: Mapping[str, Any], depth: int) -> Any:
        if depth > 6:
            return None
        if "$ref" in schema:
            return self._example(self.schemas.components[_ref_name(schema) or ""], depth + 1)
        if "example" in schema:
            return schema["example"]
        if "enum" in schema:
            return schema["enum"][0]
        if "allOf" in schema:
            out: dict[str, Any] = {}
            for sub in schema["allOf"]:
                value = self._example(sub, depth + 1)
                if isinstance(value, dict):
                    out.update(value)
            return out
        kind = schema.get("type", "object")
        if kind == "object":
            props = schema.get("properties", {})
            return {name: self._example(props.get(name, {}), depth + 1) for name in schema.get("required", ())}
        return {"array": [], "string": "", "integer": 0, "number": 0, "boolean": False}.get(kind)


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> LineApiSpec:
    with open(path, encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return LineApiSpec(document)


def load_spec(path: str | Path) -> LineApiSpec:
    """Parse and compile ``messaging-api.yml`` once per file version (cached)."""
    resolved = Path(path).resolve()
    return _load(str(resolved), resolved.stat().st_mtime)
