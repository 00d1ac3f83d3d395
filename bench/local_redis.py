"""A private redis-server for one benchmark run, persisted the way production must run Redis.

Benchmarks that restart Redis or flush it must not disturb anything else using the machine's Redis, so each
run gets its own redis-server on a free loopback port with its own data directory (removed afterwards):

    with private_redis() as server:   # server.url == redis://127.0.0.1:<port>/0
        ...
        server.crash()                # SIGKILL: no shutdown, no final save
        server.start()                # same port, same data dir: replays the append-only file

Persistence is AOF with `appendfsync always` (every write is on disk before Redis answers it), because the
webhook acknowledges an event to LINE once it is in the user's Redis inbox: a Redis that comes back without
that write has lost an acknowledged event. `private_redis(appendfsync="everysec")` runs the cheaper setting.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PrivateRedis:
    port: int
    data_dir: Path
    appendfsync: str = "always"
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (or start again) on the same port and data directory; returns once it answers PING."""
        binary = shutil.which("redis-server") or "redis-server"
        self.process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.data_dir),
             "--appendonly", "yes", "--appendfsync", self.appendfsync, "--save", "",
             "--loglevel", "warning", "--logfile", str(self.data_dir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self._wait_up()

    def _wait_up(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"redis-server on port {self.port} exited ({self.data_dir / 'redis.log'})")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):  # -LOADING while it replays the append-only file
                    return
            time.sleep(0.05)
        raise TimeoutError(f"redis-server on port {self.port} did not come up")

    def crash(self) -> None:
        """SIGKILL the server, as a crash or an OOM kill would: connections drop, only what is on disk stays."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=10)


@contextlib.contextmanager
def private_redis(appendfsync: str = "always") -> Iterator[PrivateRedis]:
    server = PrivateRedis(_free_port(), Path(tempfile.mkdtemp(prefix="onde-redis-")), appendfsync)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.data_dir, ignore_errors=True)
