"""Database wiring: the PostgreSQL to use, Tortoise configuration, start-up, shutdown and migrations."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import asyncpg
from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url

from backend.settings import Settings, normalize_database_url

MODEL_MODULES = ["backend.models", "aerich.models"]
MIGRATIONS_LOCATION = Path(__file__).resolve().parent / "migrations"


def database_url(settings: Settings) -> str:
    """DATABASE_URL, or else the embedded PostgreSQL under DATA_DIR (started, or joined, on first use; this
    process holds it until release_database or exit)."""
    if settings.database_url:
        return normalize_database_url(settings.database_url)
    from backend.embedded import embedded_postgres

    return embedded_postgres(settings.data_dir).url


class PooledConnection(asyncpg.Connection):
    """A pooled PostgreSQL connection returned to the pool without a reset query.

    asyncpg sends `pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL` on every release: one
    extra round trip per ORM query. The product never takes advisory locks, opens cursors outside a
    transaction, LISTENs or changes session settings, so there is nothing to reset (an open transaction
    is still rolled back by the pool).
    """

    def get_reset_query(self) -> str:
        return ""


def connection_config(db_url: str, *, pool: tuple[int, int] | None = None) -> dict[str, Any]:
    """Tortoise settings for a database URL: pooled connections without a reset query (see PooledConnection),
    a unix-socket `host=` query parameter (libpq style), which Tortoise's URL parser ignores, and `pool` =
    (minsize, maxsize) unless the URL sets them.
    """
    url, _, query = db_url.partition("?")
    params = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
    socket_dir = unquote(params.pop("host")) if "host" in params else None
    rest = "&".join(f"{k}={v}" for k, v in params.items())
    config = expand_db_url(url + (f"?{rest}" if rest else ""))
    if socket_dir is not None:
        config["credentials"]["host"] = socket_dir
    config["credentials"]["connection_class"] = PooledConnection
    if pool is not None:
        credentials = config["credentials"]
        credentials.setdefault("maxsize", pool[1])
        credentials.setdefault("minsize", min(pool[0], int(credentials["maxsize"])))
    return config


def tortoise_config(db_url: str, *, pool: tuple[int, int] | None = None) -> dict[str, Any]:
    return {
        "connections": {"default": connection_config(db_url, pool=pool)},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_db(settings: Settings, *, full_pool: bool = False) -> None:
    """Open the ORM for this process (visible from every task, as the web app and worker need).

    `full_pool`: open all of the process's PostgreSQL connections now rather than as load arrives (a
    worker: a burst right after it starts would otherwise wait for each new connection and its plans).
    """
    url = await asyncio.to_thread(database_url, settings)
    size = settings.database_pool_size
    pool = (size if full_pool else min(settings.database_pool_min, size), size)
    await Tortoise.init(config=tortoise_config(url, pool=pool), _enable_global_fallback=True)
    if full_pool:
        await connections.get("default").execute_query("SELECT 1")  # the pool opens its connections


async def close_db() -> None:
    await Tortoise.close_connections()


async def release_database(settings: Settings) -> None:
    """Let go of the embedded PostgreSQL (after close_db): it stops unless another process uses it."""
    if not settings.database_url:
        from backend.embedded import release_embedded_postgres

        await asyncio.to_thread(release_embedded_postgres, settings.data_dir)


async def migrate(settings: Settings) -> list[str]:
    """Apply the checked-in aerich migrations."""
    from aerich import Command

    url = await asyncio.to_thread(database_url, settings)
    command = Command(tortoise_config=tortoise_config(url), app="models", location=str(MIGRATIONS_LOCATION))
    await command.init()
    try:
        return await command.upgrade(run_in_transaction=True)
    finally:
        await Tortoise.close_connections()


async def ping_db() -> None:
    await connections.get("default").execute_query("SELECT 1")
