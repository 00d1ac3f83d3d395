"""The application shell: settings rules and the health endpoint."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from pydantic import ValidationError
from redis.asyncio import Redis

from backend.db import database_url, release_database
from backend.settings import Settings
from tests.production import production_settings


def test_production_refuses_default_secrets() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY is the published development value"):
        Settings(environment="production", database_url="postgres://x/y", redis_url="redis://x",
                 _env_file=None)  # type: ignore[call-arg]


def test_production_starts_with_real_secrets() -> None:
    settings = production_settings()
    assert not settings.use_line_emulator
    assert settings.effective_line_api_base_url == "https://api.line.me"


@pytest.mark.parametrize("url", ["sqlite:///data/onde.sqlite3", "mysql://u:p@db/onde", "onde"])
@pytest.mark.parametrize("environment", ["production", "development"])
def test_a_database_other_than_postgres_is_refused(url: str, environment: str) -> None:
    with pytest.raises(ValidationError, match="DATABASE_URL must be a PostgreSQL URL") as refused:
        production_settings(environment=environment, database_url=url)
    assert "u:p@" not in str(refused.value).split("[type=")[0]  # the message does not repeat credentials


def test_postgresql_urls_are_accepted_in_every_spelling() -> None:
    for url in ("postgres://u@127.0.0.1/onde", "postgresql://u@localhost/onde", "postgresql+asyncpg://u@[::1]/onde"):
        Settings(environment="development", database_url=url, _env_file=None)  # type: ignore[call-arg]


def test_development_defaults_use_the_embedded_emulator_and_postgres(data_dir: Path) -> None:
    settings = Settings(environment="development", database_url=None, redis_url=None, data_dir=data_dir,
                        _env_file=None)  # type: ignore[call-arg]
    assert settings.use_line_emulator
    assert settings.effective_line_api_base_url.endswith("/_line")
    pgdata = data_dir.resolve() / "postgres"
    url = database_url(settings)
    try:
        assert url.startswith("postgres://") and f"host={pgdata}" in url
        assert (pgdata / "PG_VERSION").read_text().strip() == "18"
        assert asyncio.run(_server_version(pgdata)) >= 180000
    finally:
        asyncio.run(release_database(settings))
    assert not (pgdata / "postmaster.pid").exists()  # stopped when this process let go


async def _server_version(socket_dir: Path) -> int:
    conn = await asyncpg.connect("postgresql://postgres@localhost/postgres", host=str(socket_dir))
    try:
        return int(await conn.fetchval("SHOW server_version_num"))
    finally:
        await conn.close()


async def test_healthz_reports_database_and_redis_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


async def test_healthz_names_redis_when_it_is_down(app: FastAPI, client: httpx.AsyncClient) -> None:
    runtime = app.state.runtime
    healthy = runtime.redis
    runtime.redis = Redis.from_url("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        response = await client.get("/healthz")
    finally:
        await runtime.redis.aclose()
        runtime.redis = healthy
    assert response.status_code == 503
    body = response.json()
    assert body["redis"] == "down" and body["database"] == "ok"
    assert body["down"] == ["redis"]
    assert response.headers["retry-after"]
