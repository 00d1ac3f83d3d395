"""Registration rush: 5,000 members for 20 sessions of 30 seats within 10 s, from several processes.

    .venv/bin/python bench/registration_rush.py [--members 5000] [--sessions 20] [--seats 30] [--seconds 10]
                                                [--processes 4] [--double-taps 0.05]

The 2 web + 2 worker cluster runs (bench/cluster.py, fresh database `onde_rush`); --processes client
processes call the registration service (backend.services.registration.register_member_for_session) against
the cluster's PostgreSQL, paced so all requests are issued within --seconds; a share of members taps twice.
Checked in PostgreSQL afterwards, each printed PASS/FAIL:

- exactly the capacity registered per session (seats_taken agrees), everyone else waitlisted;
- no member twice in a session (no duplicate registration rows), double taps answered "already registered";
- the waitlist is in arrival order: the order the requests took the session lock (registration id) agrees
  with waitlisted_at, and every registered member arrived before every waitlisted one.
Also prints the requests' latency p50/p95 and, as information, how often the database order differs from the
order the clients issued the requests (requests issued within the same few ms race, as on a real network).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing as mp
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def client_process(database_url: str, plan: list[tuple[float, int, int, int]], start_at: float, concurrency: int,
                   out: Any) -> None:
    """plan: (offset s, request seq, member id, session id); sends results [(seq, status, ms, issued_at)]."""
    import asyncio

    async def main() -> None:
        from backend.clock import SystemClock
        from backend.db import close_db, init_db
        from backend.services.errors import DomainError
        from backend.services.registration import register_member_for_session
        from backend.settings import Settings

        url = f"{database_url.split('?', 1)[0]}?minsize=1&maxsize={concurrency}"
        await init_db(Settings(environment="test", database_url=url, redis_url="redis://127.0.0.1:6379/0"))
        gate = asyncio.Semaphore(concurrency)
        clock = SystemClock()
        results: list[tuple[int, str, float, float]] = []

        async def one(seq: int, member_id: int, session_id: int) -> None:
            issued = time.time()
            t = time.perf_counter()
            async with gate:
                try:
                    result = await register_member_for_session(member_id=member_id, session_id=session_id,
                                                               actor="bench", clock=clock)
                    status = result.status
                except DomainError as exc:
                    status = type(exc).__name__
                except Exception as exc:
                    status = f"error {type(exc).__name__}"
                results.append((seq, status, (time.perf_counter() - t) * 1000, issued))

        tasks = []
        for offset, seq, member_id, session_id in plan:
            delay = start_at + offset - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(seq, member_id, session_id)))
        await asyncio.gather(*tasks)
        await close_db()
        out.send(results)

    asyncio.run(main())


async def make_sessions(conn: Any, count: int, seats: int) -> list[int]:
    from bench.storm_support import copy_rows

    course_id = await conn.fetchval("SELECT id FROM course WHERE status='active' ORDER BY id LIMIT 1")
    start = dt.date.today() + dt.timedelta(days=30)
    now = dt.datetime.now(dt.UTC)
    base = int(await conn.fetchval("SELECT coalesce(max(no), 0) FROM session WHERE course_id=$1", course_id))
    await copy_rows(conn, "session",
                    ["course_id", "no", "start_date", "end_date", "online", "venue", "capacity", "seats_taken",
                     "status", "created_at"],
                    [(course_id, base + 1 + i, start, start + dt.timedelta(days=1), True, "", seats, 0, "open", now)
                     for i in range(count)])
    rows = await conn.fetch("SELECT id FROM session WHERE course_id=$1 AND no > $2 ORDER BY no", course_id, base)
    return [r["id"] for r in rows]


def check(label: str, ok: bool, detail: str = "") -> bool:
    print(f"  {'PASS' if ok else 'FAIL'}  {label}{'  ' + detail if detail else ''}")
    return ok


async def run(args: argparse.Namespace) -> bool:
    import asyncpg

    from bench.cluster import running_cluster
    from bench.local_redis import private_redis
    from bench.storm_support import add_consented_members, pct, pg_url
    from line_emulator import make_user_id

    with private_redis() as redis_server:
        os.environ["REDIS_URL"] = redis_server.url
        async with running_cluster(webs=2, workers=2, database="onde_rush") as cluster:
            line_ids = [make_user_id(f"rush-{i}") for i in range(args.members)]
            await add_consented_members(cluster.database_url, line_ids)
            conn = await asyncpg.connect(pg_url(cluster.database_url))
            try:
                member_ids = [r["id"] for r in await conn.fetch(
                    "SELECT id FROM member WHERE line_user_id = ANY($1::text[]) ORDER BY id", line_ids)]
                session_ids = await make_sessions(conn, args.sessions, args.seats)
            finally:
                await conn.close()

            rng = random.Random(11)
            requests = [(m, session_ids[i % len(session_ids)]) for i, m in enumerate(member_ids)]
            rng.shuffle(requests)
            doubles = rng.sample(range(len(requests)), int(len(requests) * args.double_taps))
            timeline = [(rng.uniform(0, args.seconds), m, s) for m, s in requests]
            timeline += [(min(args.seconds, timeline[i][0] + rng.uniform(0.001, 0.3)), *requests[i]) for i in doubles]
            timeline.sort()
            plans: list[list[tuple[float, int, int, int]]] = [[] for _ in range(args.processes)]
            for seq, (offset, m, s) in enumerate(timeline):
                plans[seq % args.processes].append((offset, seq, m, s))

            ctx = mp.get_context("spawn")
            start_at = time.time() + 3.0  # processes import and connect meanwhile
            pipes, procs = [], []
            for plan in plans:
                receiver, sender = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=client_process,
                                   args=(cluster.database_url, plan, start_at, args.concurrency, sender))
                proc.start()
                pipes.append(receiver)
                procs.append(proc)
            results: list[tuple[int, str, float, float]] = []
            for receiver in pipes:
                results += await asyncio.to_thread(receiver.recv)
            for proc in procs:
                proc.join(timeout=30)
            last_issue = max(r[3] for r in results) - start_at
            done_in = max(r[3] + r[2] / 1000 for r in results) - start_at

            conn = await asyncpg.connect(pg_url(cluster.database_url))
            try:
                rows = await conn.fetch(
                    "SELECT id, member_id, session_id, status, registered_at, waitlisted_at FROM registration "
                    "WHERE session_id = ANY($1::int[]) ORDER BY id", session_ids)
                seats = {r["id"]: r["seats_taken"] for r in await conn.fetch(
                    "SELECT id, seats_taken FROM session WHERE id = ANY($1::int[])", session_ids)}
            finally:
                await conn.close()

    outcomes: dict[str, int] = {}
    for _, status, _, _ in results:
        outcomes[status] = outcomes.get(status, 0) + 1
    print(f"registration rush: {args.members} members, {args.sessions} sessions x {args.seats} seats, "
          f"{len(timeline)} requests ({len(doubles)} double taps) from {args.processes} processes, "
          f"CPUs {os.cpu_count()}")
    print(f"  issued within      {last_issue:.1f} s, all answered after {done_in:.1f} s "
          f"({len(results) / done_in:.0f} requests/s)")
    print(f"  answers            {outcomes}")
    latencies = [r[2] for r in results]
    print(f"  latency p50 / p95  {pct(latencies, 50):.0f} ms / {pct(latencies, 95):.0f} ms (from issue to answer)")

    by_session: dict[int, list[Any]] = {s: [] for s in session_ids}
    for row in rows:
        by_session[row["session_id"]].append(row)
    ok = True
    registered_counts = [sum(1 for r in by_session[s] if r["status"] == "registered") for s in session_ids]
    ok &= check("exactly the capacity registered in every session",
                all(c == args.seats for c in registered_counts) and all(seats[s] == args.seats for s in session_ids),
                f"registered per session min {min(registered_counts)} max {max(registered_counts)}")
    waitlisted = sum(1 for r in rows if r["status"] == "waitlisted")
    ok &= check("everyone else waitlisted", waitlisted == args.members - args.sessions * args.seats
                and len(rows) == args.members, f"{waitlisted} waitlisted, {len(rows)} rows")
    pairs = [(r["member_id"], r["session_id"]) for r in rows]
    ok &= check("no duplicate registration", len(pairs) == len(set(pairs)),
                f"{len(pairs) - len(set(pairs))} duplicates; double taps answered already registered: "
                f"{outcomes.get('AlreadyRegistered', 0)} of {len(doubles)}")
    ok &= check("double taps refused", outcomes.get("AlreadyRegistered", 0) == len(doubles))
    in_order = True
    for s in session_ids:
        entries = by_session[s]
        wl = [r for r in entries if r["status"] == "waitlisted"]
        if [r["id"] for r in sorted(wl, key=lambda r: r["waitlisted_at"])] != [r["id"] for r in wl]:
            in_order = False
        regs = [r for r in entries if r["status"] == "registered"]
        if regs and wl and max(r["id"] for r in regs) > min(r["id"] for r in wl):
            in_order = False
    ok &= check("waitlist in arrival order (lock order = waitlisted_at order, registered before waitlisted)",
                in_order)
    issued = {}
    for seq, _, _, at in results:
        issued[seq] = at
    member_issue: dict[tuple[int, int], float] = {}
    for seq, (_, m, s) in enumerate(timeline):
        member_issue.setdefault((m, s), issued.get(seq, 0.0))
    swaps = 0
    gaps = []
    for s in session_ids:
        order = [member_issue[(r["member_id"], s)] for r in by_session[s]]
        for a, b in zip(order, order[1:], strict=False):
            if b < a:
                swaps += 1
                gaps.append((a - b) * 1000)
    print(f"  info: {swaps} neighbours in database order issued in the other order by the clients "
          f"(largest gap {max(gaps, default=0):.0f} ms: requests racing each other)")
    print("RESULT", "PASS" if ok else "FAIL")
    return ok


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight (and connections) per process")
    parser.add_argument("--double-taps", type=float, default=0.05, help="share of members who tap twice")
    ok = asyncio.run(run(parser.parse_args(argv)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
