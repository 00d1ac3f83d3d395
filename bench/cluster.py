"""Start the product as it runs in production, on one machine: N web processes, M workers, the LINE emulator.

    python bench/cluster.py            # 2 web + 2 workers + emulator until Ctrl-C (`make cluster`)

Uses DATABASE_URL (PostgreSQL) and REDIS_URL from the environment (defaults: the local servers). A fresh
database `onde_cluster` is created, migrated and seeded. Benchmarks import `running_cluster()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"
CHANNEL_SECRET = "cluster-channel-secret-0123456789abcdef"
CHANNEL_TOKEN = "cluster-channel-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    web_url: str
    emulator_url: str
    database_url: str
    redis_url: str
    channel_secret: str = CHANNEL_SECRET
    log_dir: Path = ROOT / "bench" / "out"
    worker_nice: int = 0
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.processes[name]
        proc.send_signal(sig)
        proc.wait(timeout=10)

    def start_worker(self, name: str) -> None:
        """A worker process; with worker_nice > 0 it runs at that lower CPU priority (`nice -n`), so on a
        machine shared with the web processes the webhook's acknowledgements come first."""
        nice = ["nice", "-n", str(self.worker_nice)] if self.worker_nice else []
        self.processes[name] = _spawn(name, [*nice, PYTHON, "-m", "app", "worker"], self.env(), self.log_dir)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            ENVIRONMENT="development",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            LINE_EMULATOR="false",
            LINE_API_BASE_URL=self.emulator_url,
            LINE_CHANNEL_SECRET=self.channel_secret,
            LINE_CHANNEL_ACCESS_TOKEN=CHANNEL_TOKEN,
            PUBLIC_BASE_URL=self.web_url,
            WORKER_IN_PROCESS="false",
            AUTO_MIGRATE="false",
            DEMO="true",
            PYTHONPATH=str(ROOT),
        )
        return env


def _spawn(name: str, argv: list[str], env: dict[str, str], log_dir: Path) -> subprocess.Popen[bytes]:
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / f"{name}.log", "wb")
    return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


async def _fresh_database(server_url: str, name: str) -> str:
    admin = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    base, _, query = server_url.partition("?")  # e.g. ?host=/var/run/postgresql (a Unix socket)
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


async def _wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as http:
        while True:
            try:
                if (await http.get(url)).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not come up")
            await asyncio.sleep(0.2)


@contextlib.asynccontextmanager
async def running_cluster(
    *, webs: int = 2, workers: int = 2, database: str = "onde_cluster", emulator_args: list[str] | None = None,
    log_dir: Path | None = None, worker_nice: int = 0,
) -> AsyncIterator[Cluster]:
    """The processes log to `log_dir` (default bench/out/), one file each, truncated at start; workers run
    at `nice -n worker_nice` when it is above 0."""
    server_url = os.environ.get("DATABASE_URL", DEFAULT_PG)
    database_url = await _fresh_database(server_url, database)
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS)
    web_port, emulator_port = free_port(), free_port()
    cluster = Cluster(
        web_url=f"http://127.0.0.1:{web_port}",
        emulator_url=f"http://127.0.0.1:{emulator_port}",
        database_url=database_url,
        redis_url=redis_url,
        log_dir=log_dir or ROOT / "bench" / "out",
        worker_nice=worker_nice,
    )
    env = cluster.env()
    subprocess.run([PYTHON, "-m", "backend", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([PYTHON, "-m", "backend", "seed"], cwd=ROOT, env=env, check=True, capture_output=True)
    import redis as redis_sync

    redis_sync.Redis.from_url(redis_url).flushdb()
    procs = cluster.processes
    procs["emulator"] = _spawn("emulator", [
        PYTHON, "-m", "line_emulator", "--port", str(emulator_port),
        "--webhook-url", f"{cluster.web_url}/line/webhook",
        "--channel-secret", CHANNEL_SECRET, "--channel-token", CHANNEL_TOKEN, *(emulator_args or []),
    ], env, cluster.log_dir)
    procs["web"] = _spawn("web", [
        PYTHON, "-m", "uvicorn", "--factory", "app.main:app_factory", "--host", "127.0.0.1",
        "--port", str(web_port), "--workers", str(webs), "--no-access-log", "--log-level", "warning",
        "--loop", "uvloop", "--http", "httptools",
    ], env, cluster.log_dir)
    for i in range(workers):
        cluster.start_worker(f"worker{i + 1}")
    try:
        await _wait_http(f"{cluster.emulator_url}/_emulator/config")
        await _wait_http(f"{cluster.web_url}/healthz")
        yield cluster
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in procs.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
            if proc.poll() is None:
                proc.kill()


@contextlib.contextmanager
def _interrupt_event() -> Iterator[asyncio.Event]:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGINT, stop.set)
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    yield stop


async def _main() -> None:
    async with running_cluster() as cluster:
        print(f"web      {cluster.web_url} (2 processes)")
        print(f"emulator {cluster.emulator_url}")
        print("workers  2; logs in bench/out/. Ctrl-C stops.", flush=True)
        with _interrupt_event() as stop:
            await stop.wait()


if __name__ == "__main__":
    asyncio.run(_main())
