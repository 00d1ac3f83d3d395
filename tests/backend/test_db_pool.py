"""Database pools: how many PostgreSQL connections a process keeps, and a worker opening them all at start."""

from __future__ import annotations

from tortoise import Tortoise, connections

from backend.db import connection_config, init_db
from backend.settings import Settings


def test_pool_size_comes_from_settings_unless_the_url_says() -> None:
    config = connection_config("postgres://u@db:5432/onde", pool=(2, 20))
    assert isinstance(config, dict)
    assert (config["credentials"]["minsize"], config["credentials"]["maxsize"]) == (2, 20)
    config = connection_config("postgres://u@db:5432/onde?maxsize=8", pool=(20, 20))
    assert isinstance(config, dict)
    assert (int(config["credentials"]["minsize"]), int(config["credentials"]["maxsize"])) == (8, 8)
    config = connection_config("postgres://u@/onde?host=/var/run/postgresql", pool=(1, 5))
    assert isinstance(config, dict) and config["credentials"]["host"] == "/var/run/postgresql"


async def test_a_worker_opens_its_whole_pool_at_start(db: None, test_settings: Settings) -> None:
    base, _, query = (test_settings.database_url or "").partition("?")
    kept = "&".join(p for p in query.split("&") if p and not p.startswith(("minsize=", "maxsize=")))
    settings = test_settings.model_copy(update={"database_url": base + (f"?{kept}" if kept else ""),
                                                "database_pool_size": 6})
    await Tortoise.close_connections()
    try:
        await init_db(settings, full_pool=True)
        assert connections.get("default")._pool.get_size() == 6  # type: ignore[attr-defined]
        await Tortoise.close_connections()
        await init_db(settings)  # the web: a couple at first, more as requests come
        await connections.get("default").execute_query("SELECT 1")
        assert connections.get("default")._pool.get_size() == 2  # type: ignore[attr-defined]
    finally:
        await Tortoise.close_connections()
        await init_db(test_settings)
