"""The embedded PostgreSQL and Redis of `make run`: under DATA_DIR, kept across restarts, stopped on exit,
stopped even when the process holding them is killed, and independent for two DATA_DIRs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import RedisError

from backend.embedded import DataDirInUse, embedded_postgres, embedded_redis

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    return {**env, "DATA_DIR": str(data_dir), "ENVIRONMENT": "development"}


def _postgres_running(data_dir: Path) -> bool:
    return (data_dir / "postgres" / "postmaster.pid").exists()


def _redis_answers(url: str) -> bool:
    try:
        return bool(Redis.from_url(url, socket_timeout=2).ping())
    except (OSError, RedisError):
        return False


def _wait_until(check: Callable[[], bool], timeout_s: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_the_cluster_is_created_once_kept_and_stopped_at_exit(data_dir: Path) -> None:
    def migrate() -> str:
        done = subprocess.run([sys.executable, "-m", "backend", "migrate"], cwd=ROOT, env=_env(data_dir),
                              capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    assert "init" in migrate()
    assert (data_dir / "postgres" / "PG_VERSION").read_text().strip() == "18"
    assert not _postgres_running(data_dir)
    assert "up to date" in migrate()  # the same cluster, with the schema the first run made
    assert not _postgres_running(data_dir)


KEEP_STORES_OPEN = """
import sys, time
from pathlib import Path
from backend.embedded import embedded_postgres, embedded_redis
data_dir = Path(sys.argv[1])
print(embedded_postgres(data_dir).url, embedded_redis(data_dir).url, flush=True)
time.sleep(600)
"""


def test_a_killed_process_leaves_neither_server_running(data_dir: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", KEEP_STORES_OPEN, str(data_dir)], cwd=ROOT,
                              env=_env(data_dir), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        _, redis_url = holder.stdout.readline().split()
        assert _postgres_running(data_dir) and _redis_answers(redis_url)
        assert redis_url == f"unix://{data_dir.resolve()}/redis/redis.sock"
        with pytest.raises(DataDirInUse, match="is in use by another server"):
            embedded_redis(data_dir)  # a second server on the same DATA_DIR
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert _wait_until(lambda: not _postgres_running(data_dir)), "PostgreSQL outlived the killed process"
    assert _wait_until(lambda: not _redis_answers(redis_url)), "Redis outlived the killed process"

    again = embedded_postgres(data_dir)  # a later start takes the cluster over and can stop it
    again.release()
    assert not _postgres_running(data_dir)


def test_two_data_dirs_run_side_by_side(data_dir: Path) -> None:
    first, second = data_dir / "a", data_dir / "b"
    pg = [embedded_postgres(first), embedded_postgres(second)]
    redis = [embedded_redis(first), embedded_redis(second)]
    try:
        assert pg[0].url != pg[1].url and redis[0].url != redis[1].url
        assert str(first.resolve()) in pg[0].url and str(second.resolve()) in pg[1].url
        Redis.from_url(redis[0].url).set("which", "a")
        assert Redis.from_url(redis[1].url).get("which") is None
        assert _postgres_running(first) and _postgres_running(second)
    finally:
        for server in redis:
            server.close()
        for held in pg:
            held.release()
    assert not _postgres_running(first) and not _postgres_running(second)


def test_redis_keeps_its_data_across_restarts(data_dir: Path) -> None:
    server = embedded_redis(data_dir)
    Redis.from_url(server.url).set("kept", "yes")
    server.close()
    assert not _redis_answers(server.url)
    server = embedded_redis(data_dir)
    try:
        assert Redis.from_url(server.url).get("kept") == b"yes"
    finally:
        server.close()
    assert (data_dir / "redis" / "dump.rdb").exists() and (data_dir / "redis" / "redis.log").exists()
