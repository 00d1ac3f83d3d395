"""Hostile input against the whole REST API: schemathesis generates requests from /openapi.json.

The app runs as in production (its own uvicorn process, migrated database, real Redis); every operation is
exercised without credentials and with an admin token. No response may be a 500, and every response must
match the documented schema.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
ADMIN_TOKEN = "fuzz-admin-token-" + uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dsn(url: str) -> tuple[str, dict[str, str]]:
    base, _, query = url.partition("?")
    params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
    return base.replace("postgres://", "postgresql://", 1), ({"host": params["host"]} if "host" in params else {})


@pytest.fixture(scope="module")
async def served_api(postgres_server_url: str, redis_server_url: str, tmp_path_factory: pytest.TempPathFactory
                     ) -> AsyncIterator[str]:
    name = f"onde_fuzz_{uuid.uuid4().hex[:8]}"
    dsn, extra = _dsn(postgres_server_url)
    admin = await asyncpg.connect(dsn, **extra)
    await admin.execute(f'CREATE DATABASE "{name}"')
    base, _, query = postgres_server_url.partition("?")
    database_url = f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")
    port = _free_port()
    env = {
        **os.environ,
        "ENVIRONMENT": "development",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_server_url,
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "LINE_EMULATOR": "false",
        "LINE_API_BASE_URL": "http://127.0.0.1:9",
        "WORKER_IN_PROCESS": "false",
        "AUTO_MIGRATE": "true",
        "DEMO": "true",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "DATA_DIR": str(tmp_path_factory.mktemp("fuzz-data")),
    }
    log = tmp_path_factory.mktemp("fuzz-log") / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "app.main:app_factory", "--host", "127.0.0.1",
             "--port", str(port), "--no-access-log"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        async with httpx.AsyncClient() as http:
            while True:
                try:
                    if (await http.get(f"{url}/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert server.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, "server did not start"
                await asyncio.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
        server_errors = [line for line in log.read_text(errors="replace").splitlines() if "Traceback" in line]
        assert not server_errors, log.read_text()[-5000:]


def _schemathesis(url: str, *headers: str) -> subprocess.CompletedProcess[str]:
    args = [
        sys.executable, "-m", "schemathesis.cli", "run", f"{url}/openapi.json",
        "--checks", "not_a_server_error,response_schema_conformance,status_code_conformance,"
        "content_type_conformance",
        "--max-examples", "15", "--generation-deterministic", "--request-timeout", "10",
        "--suppress-health-check", "all", "--no-color",
    ]
    for header in headers:
        args += ["-H", header]
    # The fuzzing client is a tool, not the product: it keeps the real clock when the suite runs with the
    # machine's clock moved (tests/far_clock.py): under libfaketime it ran past its 10-minute limit.
    # The server under test keeps the moved clock.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)


@pytest.mark.parametrize("auth", ["anonymous", "admin"])
def test_every_operation_survives_generated_input(served_api: str, auth: str) -> None:
    headers = [f"Authorization: Bearer {ADMIN_TOKEN}"] if auth == "admin" else []
    result = _schemathesis(served_api, *headers)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
