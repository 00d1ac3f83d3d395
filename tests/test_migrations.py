"""The checked-in migrations build exactly the schema the models describe.

Migrations are applied the way production applies them (`python -m backend migrate` in its own process)
and the result is compared, column by column, with the schema Tortoise generates from the models.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg
import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], database_url: str, tmp_path: Path) -> str:
    env = {**os.environ, "ENVIRONMENT": "test", "DATABASE_URL": database_url, "DATA_DIR": str(tmp_path),
           "REDIS_URL": "redis://unused"}
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _split(url: str) -> tuple[str, dict[str, str]]:
    base, _, query = url.partition("?")
    params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
    extra = {"host": params["host"]} if "host" in params else {}
    return base.replace("postgres://", "postgresql://", 1), extra


async def _pg_columns(url: str) -> dict[str, set[tuple[str, str, str]]]:
    dsn, extra = _split(url)
    conn = await asyncpg.connect(dsn, **extra)
    try:
        rows = await conn.fetch(
            "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name <> 'aerich'"
        )
    finally:
        await conn.close()
    tables: dict[str, set[tuple[str, str, str]]] = {}
    for r in rows:
        tables.setdefault(r["table_name"], set()).add((r["column_name"], r["data_type"], r["is_nullable"]))
    return tables


async def test_postgres_migrations_match_models(postgres_server_url: str, test_database_url: str,
                                                _database: None, tmp_path: Path) -> None:
    name = f"onde_mig_{uuid.uuid4().hex[:8]}"
    dsn, extra = _split(postgres_server_url)
    admin = await asyncpg.connect(dsn, **extra)
    await admin.execute(f'CREATE DATABASE "{name}"')
    base, _, query = postgres_server_url.partition("?")
    url = f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")
    try:
        out = _run(["-m", "backend", "migrate"], url, tmp_path)
        assert "init" in out, out
        assert "up to date" in _run(["-m", "backend", "migrate"], url, tmp_path)
        migrated = await _pg_columns(url)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    assert migrated == await _pg_columns(test_database_url)
