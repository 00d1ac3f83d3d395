"""Raw SQL helpers for the few queries the ORM cannot express well: PostgreSQL's numbered placeholders."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient


def connection(using_db: BaseDBAsyncClient | None = None) -> BaseDBAsyncClient:
    return using_db or connections.get("default")


class Params:
    """Collects bound values and hands out their placeholders ($1, $2, ...)."""

    def __init__(self) -> None:
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        self.values.append(value)
        # Numbered, so a value may be referenced anywhere and more than once.
        return f"${len(self.values)}"

    def is_in(self, column: str, values: Iterable[Any]) -> str:
        """`column` is one of `values`: one array parameter (the statement text, and so its prepared plan,
        does not depend on how many values there are)."""
        values = list(values)
        if len(values) > 32:  # a semi-join PostgreSQL can hash, not a scan of the array per row
            return f"{column} IN (SELECT unnest({self(values)}::int[]))" if all(
                isinstance(v, int) for v in values) else f"{column} IN (SELECT unnest({self(values)}::text[]))"
        return f"{column} = ANY({self(values)})"
