"""Every benchmark in sequence (`make bench`), sized so the whole run stays under ~25 minutes on 2 cores.

    .venv/bin/python bench/run_all.py [--only webhook_storm,faults] [--full]

Each script's output is shown as it runs; a summary of exit statuses and durations follows. --full runs
each script with its own defaults (the sizes recorded in bench/RESULTS.md; slower). Needs PostgreSQL
(DATABASE_URL, default the local server); cluster benchmarks start their own redis-server.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (script, arguments for the bounded run)
BENCHES: list[tuple[str, list[str]]] = [
    ("nlu_bench.py", []),
    ("search_bench.py", []),
    ("search_at_scale.py", ["--rounds", "5", "--member-samples", "100"]),
    ("webhook_bench.py", []),
    ("webhook_storm.py", ["--seconds", "30", "--pairs", "4", "--handle-pairs", "2", "--handle-events", "3000",
                          "--drain-timeout", "240"]),
    ("registration_rush.py", []),
    ("broadcast_bench.py", []),
    ("faults.py", ["--supervise"]),
    ("startup.py", ["--rounds", "2"]),
    ("demo_seeding.py", ["--rounds", "2"]),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated script names (without .py)")
    parser.add_argument("--full", action="store_true", help="each script with its own default sizes")
    args = parser.parse_args(argv)
    wanted = {n.strip().removesuffix(".py") for n in args.only.split(",") if n.strip()}
    summary: list[tuple[str, int | str, float]] = []
    sys.path.insert(0, str(ROOT))
    from bench.local_redis import private_redis

    with private_redis() as redis_server:  # scripts that flush REDIS_URL never touch the machine's Redis
        env = dict(os.environ, PYTHONPATH=str(ROOT), REDIS_URL=redis_server.url)
        _run(args, wanted, env, summary)
    print("\nsummary")
    for script, status, seconds in summary:
        print(f"  {script:<24} exit {status!s:<8} {seconds:6.0f} s")
    return 0 if all(status == 0 for _, status, _ in summary) else 1


def _run(args: argparse.Namespace, wanted: set[str], env: dict[str, str],
         summary: list[tuple[str, int | str, float]]) -> None:
    print(f"benchmarks on {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
    for script, extra in BENCHES:
        if wanted and script.removesuffix(".py") not in wanted:
            continue
        path = ROOT / "bench" / script
        if not path.exists():
            summary.append((script, "missing", 0.0))
            continue
        command = [sys.executable, str(path), *([] if args.full else extra)]
        print(f"\n=== {' '.join(['bench/' + script, *command[2:]])}", flush=True)
        started = time.monotonic()
        status: int | str = subprocess.run(command, cwd=ROOT, env=env).returncode
        summary.append((script, status, time.monotonic() - started))


if __name__ == "__main__":
    sys.exit(main())
