"""Raw SQL helpers for the few queries the ORM cannot express well: dialect-aware placeholders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient


def connection(using_db: BaseDBAsyncClient | None = None) -> BaseDBAsyncClient:
    return using_db or connections.get("default")


def dialect(conn: BaseDBAsyncClient) -> str:
    return conn.capabilities.dialect


class Params:
    """Collects bound values and hands out the right placeholder ($1 for PostgreSQL, ?1 for SQLite)."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        if self.dialect == "sqlite":
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                value = value.isoformat()
            elif isinstance(value, bool):
                value = int(value)
        self.values.append(value)
        # Numbered on both (SQLite's ?NNN), so a value may be referenced anywhere and more than once.
        return f"${len(self.values)}" if self.dialect == "postgres" else f"?{len(self.values)}"

    def many(self, values: Iterable[Any]) -> str:
        """"(p1, p2, ...)" for an IN list (callers make sure it is not empty)."""
        return "(" + ", ".join(self(v) for v in values) + ")"

    def is_in(self, column: str, values: Iterable[Any]) -> str:
        """`column` is one of `values`: one array parameter on PostgreSQL (the statement text, and so its
        prepared plan, does not depend on how many values there are), an IN list on SQLite."""
        values = list(values)
        if self.dialect == "postgres":
            if len(values) > 32:  # a semi-join PostgreSQL can hash, not a scan of the array per row
                return f"{column} IN (SELECT unnest({self(values)}::int[]))" if all(
                    isinstance(v, int) for v in values) else f"{column} IN (SELECT unnest({self(values)}::text[]))"
            return f"{column} = ANY({self(values)})"
        return f"{column} IN {self.many(values)}" if values else "1 = 0"


def as_date(value: Any) -> dt.date | None:
    """A DATE column value from a raw row (SQLite returns ISO text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
