"""Shared fixtures: real PostgreSQL and real Redis for every test that asks for them.

With DATABASE_URL / REDIS_URL set the suite uses those servers: it creates (and afterwards drops) its own
database, and uses its own Redis database number. With them unset it starts throwaway servers the way
`make run` starts its embedded ones (backend/embedded.py), in a temporary DATA_DIR removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import unquote

import asyncpg
import httpx
import pytest
from redis import Redis as SyncRedis
from redis.asyncio import Redis
from tortoise import Tortoise, connections

from backend.clock import FrozenClock
from backend.db import close_db, init_db
from backend.settings import Settings, normalize_database_url
from tests.clock import ticking_clock
from tests.prerequisites import TOOLS, describe, missing, path_of

TEST_REDIS_DB = 11
CLAIM_KEY = "onde:test-run-claim"


def _claim_redis_db(base: str) -> int:
    """Use a Redis database number no other test run on this server is using right now."""
    for number in [TEST_REDIS_DB, *range(1, 16)]:
        if SyncRedis.from_url(f"{base}/{number}").set(CLAIM_KEY, os.getpid(), nx=True, ex=3600):
            return number
    raise RuntimeError("no free Redis database for the test run")
KEEP_TABLES = {"aerich", "target_group", "skill_area", "topic"}


def pytest_collection_finish(session: pytest.Session) -> None:
    """Tests that need a program this machine lacks stop the run before it starts: they are never skipped."""
    if session.config.option.collectonly:
        return
    needed = [tool for tool in TOOLS if any(item.get_closest_marker(tool.marker) for item in session.items)]
    if lacking := missing(needed):
        raise pytest.UsageError(f"{describe(lacking)}\n(`make test` installs them itself when run as root)")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium: Playwright drives it (no browser download). Tests using it carry the browser marker."""
    path = path_of("chromium")
    if path is None:
        pytest.fail(describe(missing(t for t in TOOLS if t.command == "chromium")))
    return path


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """URL of a PostgreSQL server we may create databases on."""
    url = os.environ.get("DATABASE_URL")
    if url:
        yield normalize_database_url(url)
        return
    from backend.embedded import embedded_postgres

    tmp = Path(tempfile.mkdtemp(prefix="onde-pg-"))
    server = embedded_postgres(tmp)
    yield server.url
    server.release()
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server_url() -> Iterator[str]:
    url = os.environ.get("REDIS_URL")
    if url:
        base = url.split("?", 1)[0].rstrip("/")
        if base.count("/") >= 3 and base.rsplit("/", 1)[1].isdigit():
            base = base.rsplit("/", 1)[0]
        number = _claim_redis_db(base)
        yield f"{base}/{number}"
        SyncRedis.from_url(f"{base}/{number}").delete(CLAIM_KEY)
        return
    from backend.embedded import embedded_redis

    tmp = Path(tempfile.mkdtemp(prefix="onde-redis-"))
    server = embedded_redis(tmp)
    yield f"{server.url}?db={TEST_REDIS_DB}"
    server.close()
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A DATA_DIR for embedded servers, outside pytest's own temporary root: run as root, the PostgreSQL wheel
    runs the server as another user, who must be able to reach the folder (pytest closes its root to others)."""
    path = Path(tempfile.mkdtemp(prefix="onde-data-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _asyncpg_dsn(url: str) -> tuple[str, dict[str, str]]:
    """Split our postgres:// URL into an asyncpg DSN and connect kwargs (unix socket host)."""
    dsn, _, query = url.partition("?")
    kwargs = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
    extra = {"host": unquote(kwargs["host"])} if "host" in kwargs else {}
    return dsn.replace("postgres://", "postgresql://", 1), extra


@pytest.fixture(scope="session")
async def test_database_url(postgres_server_url: str) -> AsyncIterator[str]:
    name = f"onde_test_{uuid.uuid4().hex[:10]}"
    dsn, extra = _asyncpg_dsn(postgres_server_url)
    admin = await asyncpg.connect(dsn, **extra)
    await admin.execute(f'CREATE DATABASE "{name}"')
    base, _, query = postgres_server_url.partition("?")
    params = "&".join(p for p in [query, "minsize=1", "maxsize=25"] if p)
    yield f"{base.rsplit('/', 1)[0]}/{name}?{params}"
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


@pytest.fixture(scope="session")
def test_settings(test_database_url: str, redis_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        environment="test",
        database_url=test_database_url,
        redis_url=redis_server_url,
        data_dir=tmp_path_factory.mktemp("data"),
        line_emulator=False,
        line_api_base_url="http://127.0.0.1:9",
        public_base_url="http://testserver",
        auto_migrate=False,
        demo=False,
        worker_in_process=False,
        redis_prefix="test:",
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture(scope="session")
async def _database(test_settings: Settings) -> AsyncIterator[None]:
    await init_db(test_settings)
    await Tortoise.generate_schemas()
    from backend.services.framework import seed_framework

    await seed_framework()
    yield
    await close_db()


async def _truncate_all() -> None:
    conn = connections.get("default")
    _, rows = await conn.execute_query(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    )
    tables = [r["tablename"] for r in rows if r["tablename"] not in KEEP_TABLES]
    if tables:
        await conn.execute_script(
            "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
        )


@pytest.fixture
async def db(_database: None) -> AsyncIterator[None]:
    """A clean database (framework data kept) for one test."""
    from backend.services.catalogue import forget_recent_searches
    from backend.services.handover import forget_open_handovers

    await _truncate_all()
    # What this process keeps for a few seconds belongs to the last test's data.
    forget_recent_searches()
    forget_open_handovers()
    yield


@pytest.fixture
async def redis(test_settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(test_settings.redis_url or "")
    claim = await client.get(CLAIM_KEY)
    await client.flushdb()
    if claim is not None:
        await client.set(CLAIM_KEY, claim, ex=3600)
    yield client
    await client.aclose()


@pytest.fixture
def clock() -> FrozenClock:
    """The clock of the app under test: 09:00 Bangkok time on the tests' TODAY, moving on from there."""
    return ticking_clock()


@pytest.fixture
async def app(db: None, redis: Redis, test_settings: Settings, clock: FrozenClock) -> AsyncIterator[object]:
    """The FastAPI app with its lifespan running (database opened by the session fixture)."""
    from app.main import create_app

    application = create_app(test_settings, init_database=False, run_worker=False, clock=clock)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
