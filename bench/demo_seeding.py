"""How long the demo's data takes to seed: `prepare_database` of a demo (`make run` on an empty database: the
framework, survey templates, the demo catalogue and its year of history) on a fresh database each round, with
the clock frozen on one day; prints the time of each round and the size of the history.

    .venv/bin/python bench/demo_seeding.py [--rounds 3] [--day 2026-11-28]

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres): each round creates and
drops a database of its own there.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABLES = ("member", "session", "registration", "survey_invite", "survey_response", "certificate")


async def _round(server: str, day: dt.date) -> tuple[float, float, dict[str, int]]:
    import asyncpg

    from backend.bootstrap import prepare_database
    from backend.clock import FrozenClock
    from backend.db import close_db, init_db, migrate
    from backend.services.sql import connection
    from backend.settings import Settings

    name = f"demo_seed_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(f"{server}/postgres".replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        settings = Settings(environment="development", demo=True, database_url=f"{server}/{name}",
                            redis_url="redis://127.0.0.1:6379/0", _env_file=None)  # type: ignore[call-arg]
        await migrate(settings)
        await init_db(settings)
        try:
            started = time.perf_counter()
            await prepare_database(settings, clock=FrozenClock(day))
            seconds = time.perf_counter() - started
            sizes = {}
            for table in TABLES:
                _, rows = await connection().execute_query(f'SELECT COUNT(*) AS n FROM "{table}"')
                sizes[table] = int(rows[0]["n"])
            _, rows = await connection().execute_query(
                "SELECT COUNT(*) AS n FROM session WHERE start_date < $1", [day])
            sizes["past sessions"] = int(rows[0]["n"])
            started = time.perf_counter()
            from backend.services import follow_up

            await follow_up.list_scorecards(today=day, thresholds=follow_up.Thresholds())
            scorecards = time.perf_counter() - started
        finally:
            await close_db()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    return seconds, scorecards, sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--day", type=dt.date.fromisoformat, default=dt.date(2026, 11, 28))
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    server = url.rsplit("/", 1)[0]
    times, sizes = [], {}
    for n in range(args.rounds):
        seconds, scorecards, sizes = asyncio.run(_round(server, args.day))
        times.append(seconds)
        print(f"round {n + 1}: demo data seeded in {seconds:.2f} s; 100 scorecards computed in {scorecards:.2f} s",
              flush=True)
    print(f"median {statistics.median(times):.2f} s over {len(times)} rounds (day {args.day})")
    print("history: " + ", ".join(f"{v:,} {k}" for k, v in sizes.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
