"""Rows written with PostgreSQL's COPY on one connection and in one transaction (the demo history is tens of
thousands of rows: COPY takes a fraction of a second where INSERTs take minutes). Ids are handed out by the
caller from the table's current maximum, and each sequence is moved past them afterwards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from backend.services.sql import connection


@dataclass
class TableRows:
    table: str
    columns: Sequence[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


async def next_ids(tables: Sequence[str]) -> dict[str, int]:
    """The first free id of each table (one past its largest)."""
    found = {}
    for table in tables:
        _, rows = await connection().execute_query(f'SELECT COALESCE(MAX(id), 0) + 1 AS n FROM "{table}"')
        found[table] = int(rows[0]["n"])
    return found


Statement = tuple[str, Sequence[Any]]


async def copy_all(batches: Sequence[TableRows], *, before: Sequence[Statement] = (),
                   after: Sequence[Statement] = ()) -> None:
    """Run `before`, COPY every batch (in order: referenced tables first), run `after`, move the id sequences
    on; all in one transaction."""
    client: Any = connection()
    async with client.acquire_connection() as raw, raw.transaction():
        for sql, args in before:
            await raw.execute(sql, *args)
        for batch in batches:
            if batch.rows:
                await raw.copy_records_to_table(batch.table, records=batch.rows, columns=list(batch.columns))
        for sql, args in after:
            await raw.execute(sql, *args)
        for batch in batches:
            if "id" in batch.columns and batch.rows:
                await raw.execute(f"SELECT setval(pg_get_serial_sequence('\"{batch.table}\"', 'id'), "
                                  f"(SELECT MAX(id) FROM \"{batch.table}\"))")
