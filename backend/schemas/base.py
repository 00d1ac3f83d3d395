"""What every request and response model shares, and the helpers that derive a resource's models so that
no field list is written twice. Each is a class decorator: the class statement names the model, its base and
its docstring (and gives type checkers a class), the decorator fills in the fields.

- public_model(): a response model (XPublic) with the fields of the service's dataclass (plus chosen
  properties), nested dataclasses replaced by their own response models;
- all_optional(): the Update model of a Create model, every field optional and unset by default, with the
  same constraints;
- request_model(): a request model with the fields and defaults of a service dataclass the service takes.

    @public_model(TokenInfo)
    class TokenPublic(PublicModel):
        pass
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator


def _no_control_characters(value: Any) -> Any:
    if isinstance(value, str):
        if any(ch in value for ch in "\x00\ufffe\uffff") or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
            raise ValueError("contains characters that are not allowed")
    elif isinstance(value, dict):
        for item in value.values():
            _no_control_characters(item)
    elif isinstance(value, list):
        for item in value:
            _no_control_characters(item)
    return value


class InputModel(BaseModel):
    """A request body: unknown fields are refused, and so are characters that cannot be stored."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _reject_nul(cls, data: Any) -> Any:
        """NUL and other non-characters cannot be stored: a 422, not a database error."""
        return _no_control_characters(data)


class PublicModel(BaseModel):
    """A response body, read from the attributes of what a service returned."""

    model_config = ConfigDict(from_attributes=True)


M = TypeVar("M", bound=BaseModel)


def _derived(cls: type[M], fields: dict[str, Any]) -> type[M]:
    """The model `cls` declares (its name, module, docstring and base) with `fields`."""
    return create_model(cls.__name__, __base__=cls, __module__=cls.__module__, __doc__=cls.__doc__, **fields)


def _public_type(annotation: Any, nested: Mapping[type, type[BaseModel]]) -> Any:
    """`annotation` with every service dataclass in it replaced by its response model."""
    if isinstance(annotation, type) and annotation in nested:
        return nested[annotation]
    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation
    args = tuple(_public_type(arg, nested) for arg in typing.get_args(annotation))
    if origin is Union or origin is types.UnionType:
        return Union[args]  # noqa: UP007 (a union of a tuple of types)
    return origin[args]


def public_model(
    source: type,
    *,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    properties: Mapping[str, str | None] | None = None,
    nested: Mapping[type, type[BaseModel]] | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> Callable[[type[M]], type[M]]:
    """The response model of a service dataclass: its fields in order (only those in `include` when given,
    less `exclude`), every one required. The decorated class is a PublicModel (or a subclass).

    properties: read-only properties to include, each placed after the named field (None: at the end); their
    types come from the property's return annotation. nested: dataclasses that appear in field types, and
    the response models to use for them. descriptions: per field, shown in the OpenAPI document.
    """

    def derive(cls: type[M]) -> type[M]:
        return _derived(cls, _public_fields(source, cls.__name__, include, exclude, properties, nested,
                                            descriptions))

    return derive


def _public_fields(
    source: type,
    name: str,
    include: Iterable[str] | None,
    exclude: Iterable[str],
    properties: Mapping[str, str | None] | None,
    nested: Mapping[type, type[BaseModel]] | None,
    descriptions: Mapping[str, str] | None,
) -> dict[str, Any]:
    hints = typing.get_type_hints(source)
    skip = set(exclude)
    if include is not None:
        skip |= {f.name for f in dataclasses.fields(source)} - set(include)
    nested = nested or {}
    descriptions = descriptions or {}
    after: dict[str | None, list[str]] = {}
    for prop, anchor in (properties or {}).items():
        after.setdefault(anchor, []).append(prop)
    names: list[str] = []
    for f in dataclasses.fields(source):
        if f.name not in skip:
            names.append(f.name)
            names.extend(after.pop(f.name, []))
    names.extend(after.pop(None, []))
    if after:
        raise ValueError(f"{name}: properties placed after unknown fields {sorted(k for k in after if k)}")
    fields: dict[str, Any] = {}
    for field_name in names:
        if field_name in hints:
            annotation = hints[field_name]
        else:
            getter = getattr(source, field_name).fget
            annotation = typing.get_type_hints(getter)["return"]
        fields[field_name] = (_public_type(annotation, nested), Field(description=descriptions.get(field_name)))
    return fields


def request_model(source: type) -> Callable[[type[M]], type[M]]:
    """A request model with the fields of a service dataclass, their types and defaults (for a service that
    takes the dataclass itself)."""

    def derive(cls: type[M]) -> type[M]:
        hints = typing.get_type_hints(source)
        fields: dict[str, Any] = {}
        for f in dataclasses.fields(source):
            if f.default is not dataclasses.MISSING:
                fields[f.name] = (hints[f.name], f.default)
            elif f.default_factory is not dataclasses.MISSING:
                fields[f.name] = (hints[f.name], Field(default_factory=f.default_factory))
            else:
                fields[f.name] = (hints[f.name], ...)
        return _derived(cls, fields)

    return derive


def all_optional(
    source: type[BaseModel],
    *,
    exclude: Iterable[str] = (),
    replace: Mapping[str, Any] | None = None,
) -> Callable[[type[M]], type[M]]:
    """The Update model of a Create model: the same fields (less `exclude`) with the same constraints, each
    optional and unset unless given (model_dump(exclude_unset=True) names what changes). The Create model's
    own validators are not carried over: an update is checked against the stored values by the service.
    The decorated class is an InputModel (or another base).

    replace: fields given a different type (still optional), or added at the end.
    """

    def derive(cls: type[M]) -> type[M]:
        replaced = dict(replace or {})
        skip = set(exclude)
        fields: dict[str, Any] = {}
        for field_name, info in source.model_fields.items():
            if field_name in skip:
                continue
            if field_name in replaced:
                annotation = replaced.pop(field_name)
            else:
                annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            fields[field_name] = (annotation | None, Field(default=None, description=info.description))
        for field_name, annotation in replaced.items():
            fields[field_name] = (annotation | None, Field(default=None))
        return _derived(cls, fields)

    return derive
