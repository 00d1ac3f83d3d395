"""Start-up of `make run`: `python -m app serve --demo` with the embedded PostgreSQL and Redis (no DATABASE_URL,
no REDIS_URL), timed from the command to /healthz answering 200.

Cold: a fresh DATA_DIR (initdb, migrations, demo data). Warm: the same DATA_DIR again. Each run ends with
Ctrl-C (SIGINT), timed until the server process and every embedded server of its DATA_DIR are gone.

    .venv/bin/python bench/startup.py [--rounds 3] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _servers_of(data_dir: Path) -> list[psutil.Process]:
    """The embedded PostgreSQL and Redis processes of this DATA_DIR (their command lines name it)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if any(str(data_dir) in part for part in process.info["cmdline"] or []):
            found.append(process)
    return found


def start(data_dir: Path, log: Path) -> tuple[subprocess.Popen[bytes], int, float]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATA_DIR=str(data_dir), ENVIRONMENT="development")
    port = _free_port()
    began = time.perf_counter()
    with open(log, "ab") as out:
        server = subprocess.Popen([sys.executable, "-m", "app", "serve", "--demo", "--port", str(port)], cwd=ROOT,
                                  env=env, stdout=out, stderr=subprocess.STDOUT)
    while not _healthy(port):
        if server.poll() is not None or time.perf_counter() - began > 300:
            server.kill()
            raise SystemExit(f"the server did not come up:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.02)
    return server, port, time.perf_counter() - began


def stop(server: subprocess.Popen[bytes], data_dir: Path) -> tuple[float, int]:
    """Ctrl-C; seconds until the server and its embedded servers are gone, and how many were left after 30 s."""
    began = time.perf_counter()
    server.send_signal(signal.SIGINT)
    server.wait(timeout=60)
    deadline = began + 30
    while (left := _servers_of(data_dir)) and time.perf_counter() < deadline:
        time.sleep(0.02)
    return time.perf_counter() - began, len(left)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the DATA_DIRs (printed)")
    args = parser.parse_args(argv)
    cold: list[float] = []
    warm: list[float] = []
    stops: list[float] = []
    leftovers = 0
    for _ in range(args.rounds):
        data_dir = Path(tempfile.mkdtemp(prefix="onde-startup-"))
        log = data_dir.parent / f"{data_dir.name}.log"
        try:
            for times in (cold, warm):
                server, _, seconds = start(data_dir, log)
                times.append(seconds)
                took, left = stop(server, data_dir)
                stops.append(took)
                leftovers += left
        finally:
            if args.keep:
                print(f"  kept {data_dir} (log {log})")
            else:
                shutil.rmtree(data_dir, ignore_errors=True)
                log.unlink(missing_ok=True)

    def line(name: str, values: list[float]) -> str:
        return (f"  {name:<34} median {statistics.median(values):5.2f} s   min {min(values):5.2f}   "
                f"max {max(values):5.2f}   (n={len(values)})")

    print(f"make run start-up on {os.cpu_count()} CPUs (python -m app serve, embedded PostgreSQL and Redis)")
    print(line("cold: fresh DATA_DIR to /healthz", cold))
    print(line("warm: same DATA_DIR to /healthz", warm))
    print(line("Ctrl-C until every server is gone", stops))
    print(f"  embedded servers left running after Ctrl-C: {leftovers}")
    return 0 if leftovers == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
