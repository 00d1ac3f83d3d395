"""Course search and a member's registrations at 1,000,000 members / 10,000 courses / 2,000,000 registrations.

    .venv/bin/python bench/search_at_scale.py [--reuse] [--rounds 30] [--members 1000000] ...

Builds the data with bench/scale_data.py (fresh database `onde_scale`; --reuse keeps an existing one),
then calls the services the bot and the API call, in this process, warm, one at a time:
backend.services.catalogue.search_courses with Thai/English words, topics, target groups, provinces,
online/open-only and date filters and paging, and backend.services.registration.list_member_registrations
for random members. Prints p50/p95/p99 per query and overall (target: search p95 < 20 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale_data import DEFAULT_PG, build_scale_database, fresh_database, migrate_and_seed  # noqa: E402
from bench.storm_support import pct  # noqa: E402


def queries(today: dt.date) -> list[tuple[str, dict[str, Any]]]:
    month = (today + dt.timedelta(days=30), today + dt.timedelta(days=60))
    return [
        ("q=AI", {"q": "AI"}),
        ("q=เอไอ", {"q": "เอไอ"}),
        ("q=วิเคราะห์ข้อมูล", {"q": "วิเคราะห์ข้อมูล"}),
        ("q=cyber", {"q": "cyber"}),
        ("q=ความปลอดภัยไซเบอร์", {"q": "ความปลอดภัยไซเบอร์"}),
        ("q=Excel page 2", {"q": "Excel", "page": 2}),
        ("q=คลาวด์ open_only", {"q": "คลาวด์", "open_only": True}),
        ("q=ผู้บริหาร ดิจิทัล", {"q": "ผู้บริหาร ดิจิทัล"}),
        ("q=ข้อมูล province=เชียงใหม่", {"q": "ข้อมูล", "province": "เชียงใหม่"}),
        ("q=AI online next month", {"q": "AI", "online": True, "date_from": month[0], "date_to": month[1]}),
        ("topics=data,ai", {"topics": ["data", "ai"]}),
        ("target_group=executive open_only", {"target_group": "executive", "open_only": True}),
        ("prefer_target_group=technologist", {"q": "programming", "prefer_target_group": "technologist"}),
        ("no filter page 5", {"page": 5}),
        ("province=ขอนแก่น next month", {"province": "ขอนแก่น", "date_from": month[0], "date_to": month[1]}),
    ]


async def measure(database_url: str, rounds: int, member_samples: int) -> bool:
    from backend.db import close_db, init_db
    from backend.services.catalogue import search_courses
    from backend.services.registration import list_member_registrations
    from backend.settings import Settings

    await init_db(Settings(environment="test", database_url=database_url, redis_url="redis://127.0.0.1:6379/0"))
    try:
        from backend.clock import SystemClock

        clock = SystemClock()
        plan = queries(clock.today())
        for _, kwargs in plan:  # warm: vocabulary cache, plans, shared buffers
            await search_courses(**kwargs, clock=clock)
        per_query: dict[str, list[float]] = {name: [] for name, _ in plan}
        totals: dict[str, int] = {}
        for _ in range(rounds):
            for name, kwargs in plan:
                t = time.perf_counter()
                page = await search_courses(**kwargs, clock=clock)
                per_query[name].append((time.perf_counter() - t) * 1000)
                totals[name] = page.total
        from tortoise import connections

        conn = connections.get("default")
        _, rows = await conn.execute_query(
            "SELECT min(id) lo, max(id) hi FROM member WHERE line_user_id LIKE 'U0000000000%'")
        lo, hi = rows[0]["lo"], rows[0]["hi"]
        rng = random.Random(3)
        mine: list[float] = []
        for _ in range(member_samples):
            member_id = rng.randint(lo, hi)
            t = time.perf_counter()
            await list_member_registrations(member_id, clock=clock)
            mine.append((time.perf_counter() - t) * 1000)
    finally:
        await close_db()

    every = [v for values in per_query.values() for v in values]
    print(f"\nsearch at scale: {rounds} rounds of {len(plan)} searches, CPUs {os.cpu_count()}")
    print(f"  {'query':<40} {'results':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, values in per_query.items():
        print(f"  {name:<40} {totals[name]:>8} {pct(values, 50):>8.1f} {pct(values, 95):>8.1f}")
    p95 = pct(every, 95)
    print(f"  all searches: p50 {pct(every, 50):.1f} ms, p95 {p95:.1f} ms, p99 {pct(every, 99):.1f} ms "
          f"(n={len(every)})   target p95 < 20 ms: {'PASS' if p95 < 20 else 'FAIL'}")
    print(f"  a member's registrations: p50 {pct(mine, 50):.1f} ms, p95 {pct(mine, 95):.1f} ms (n={len(mine)})")
    return p95 < 20


async def run(args: argparse.Namespace) -> bool:
    server = os.environ.get("DATABASE_URL", DEFAULT_PG)
    url = f"{server.split('?', 1)[0].rsplit('/', 1)[0]}/{args.database}"
    if not args.reuse:
        started = time.monotonic()
        url = await fresh_database(server, args.database)
        migrate_and_seed(url, os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
        print(f"data: {args.members:,} members, {args.courses:,} courses, {args.sessions:,} sessions, "
              f"{args.registrations:,} registrations")
        counts = await build_scale_database(url, members=args.members, courses=args.courses,
                                            sessions=args.sessions, registrations=args.registrations)
        print(f"  rows {counts}, built in {time.monotonic() - started:.0f} s")
    return await measure(url, args.rounds, args.member_samples)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="onde_scale")
    parser.add_argument("--reuse", action="store_true", help="measure an existing --database without rebuilding")
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--courses", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--registrations", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--member-samples", type=int, default=300)
    ok = asyncio.run(run(parser.parse_args(argv)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
