"""OpenAPI document: every operation documents the error answers it can give, in the one error shape."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "description": "What went wrong, for a person to read",
            "anyOf": [{"type": "string"}, {"type": "object"}, {"type": "array"}],
        },
        "code": {"type": "string", "description": "Stable machine-readable reason"},
        "errors": {
            "type": "array",
            "description": "Field-level reasons (validation errors)",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "reason": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
    },
}

COMMON_ERRORS = {
    "400": "Malformed request",
    "401": "Missing or wrong credentials",
    "403": "Not allowed for this role or owner",
    "404": "Not found",
    "409": "Conflict with the current state",
    "413": "Request body too large",
    "422": "Validation failed (field-level reasons in `errors`)",
    "429": "Too many requests",
    "503": "A dependency is temporarily unavailable; retry after `Retry-After` seconds",
}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = ERROR_SCHEMA
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in COMMON_ERRORS.items():
                existing = responses.get(code)
                if existing is None or "HTTPValidationError" in str(existing):
                    responses[code] = {"description": description, **ref}
    return schema


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes,
            )
            app.openapi_schema = document_errors(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema
