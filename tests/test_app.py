"""The application shell: settings rules and the health endpoint."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from pydantic import ValidationError
from redis.asyncio import Redis

from backend.settings import Settings


def test_production_refuses_default_secrets() -> None:
    with pytest.raises(ValidationError, match="default secrets"):
        Settings(environment="production", database_url="postgres://x/y", redis_url="redis://x",
                 _env_file=None)  # type: ignore[call-arg]


def test_production_starts_with_real_secrets() -> None:
    settings = Settings(
        environment="production", database_url="postgres://x/y", redis_url="redis://x",
        line_channel_secret="s" * 32, secret_key="k" * 32, admin_token="t" * 32,
        _env_file=None,  # type: ignore[call-arg]
    )
    assert not settings.use_line_emulator
    assert settings.effective_line_api_base_url == "https://api.line.me"


def test_development_defaults_use_the_embedded_emulator_and_sqlite() -> None:
    settings = Settings(database_url=None, redis_url=None, _env_file=None)  # type: ignore[call-arg]
    assert settings.use_line_emulator
    assert settings.effective_line_api_base_url.endswith("/_line")
    assert settings.effective_database_url().startswith("sqlite://")


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
