"""The component schemas of one OpenAPI document: compiled validators and a JSON Schema export."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path as FsPath
from typing import Any

import yaml

from line_emulator.schema.compiler import SchemaCompiler
from line_emulator.schema.json_schema import json_schema_document
from line_emulator.schema.violations import Check, Violation


class SchemaSet:
    """The component schemas of one OpenAPI document, compiled on demand and cached."""

    def __init__(self, document: Mapping[str, Any], overlay: Mapping[str, Mapping[str, Any]] | None = None):
        self.document = document
        self.components: Mapping[str, Any] = document.get("components", {}).get("schemas", {})
        self.overlay: Mapping[str, Mapping[str, Any]] = overlay or {}
        self._compiler = SchemaCompiler(self.components, self.overlay)

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

    def json_schema(self, name: str) -> dict[str, Any]:
        """A JSON Schema (2020-12) equivalent of component ``name`` for the ``jsonschema`` package.

        ``maxGraphemes`` becomes ``maxLength`` (code points, an upper bound of graphemes is
        not expressible) and ``x-check`` rules are left out.
        """
        return json_schema_document(self.components, self.overlay, name)
