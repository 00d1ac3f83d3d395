"""Broadcast benchmark: 1,000,000 recipients through the LINE emulator at LINE's multicast limit.

Members are generated in PostgreSQL with COPY (a throwaway database), the emulator runs in its own
process with the multicast limit (200 req/s) and 2% injected 500s, and the broadcast worker sends
in this process. Prints: total time against the rate limit's bound (2,000 requests at 200/s = 10 s),
requests made, retries and 429s, deliveries counted per user in the emulator (duplicates, lost),
and the worker's peak memory.

    .venv/bin/python bench/broadcast_bench.py [--members 1000000] [--rate 200] [--error-rate 0.02]

Needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL; default the local servers).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import resource
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TOKEN = "bench-channel-token"


def user_id(i: int) -> str:
    return f"U{i:032x}"


def rss_kib(field: str = "VmRSS") -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


# -- the emulator, in its own process ------------------------------------------------------------

def emulator_process(port_out: Any, stop: Any, result_out: Any, members: int, rate: float, error_rate: float) -> None:
    from line_emulator import EmulatorConfig, FaultConfig, run_emulator

    async def main() -> None:
        config = EmulatorConfig(
            channel_access_token=TOKEN, users=[], rate_limits={"multicast": rate},
            faults=FaultConfig(error_rate=error_rate, operations=["multicast"], seed=1),
            max_recorded_requests=10,
        )
        async with run_emulator(config) as (base_url, emulator):
            port_out.send(base_url)
            await asyncio.to_thread(stop.wait)
            chats = emulator.chats
            once = duplicated = lost = 0
            for i in range(1, members + 1):
                n = len(chats.get(user_id(i), ()))
                if n == 1:
                    once += 1
                elif n == 0:
                    lost += 1
                else:
                    duplicated += 1
            calls = {"accepted": 0, "errors": 0, "rate_limited": 0, "duplicates_409": 0}
            usage = resource.getrusage(resource.RUSAGE_SELF)
            result_out.send({"cpu_seconds": usage.ru_utime + usage.ru_stime, "once": once, "duplicated": duplicated, "lost": lost,
                             "strangers": len(chats) - once - duplicated, "calls": calls,
                             "messages": sum(emulator.sent_counts.values())})

    asyncio.run(main())


# -- database ------------------------------------------------------------------------------------

async def make_database(server_url: str, members: int) -> tuple[str, float]:
    import asyncpg
    from tortoise import Tortoise

    from backend.db import tortoise_config

    name = f"onde_bench_{uuid.uuid4().hex[:8]}"
    dsn = server_url.replace("postgres://", "postgresql://", 1)
    admin = await asyncpg.connect(dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = f"{server_url.rsplit('/', 1)[0]}/{name}"
    await Tortoise.init(config=tortoise_config(url))
    await Tortoise.generate_schemas()
    await Tortoise.close_connections()

    started = time.perf_counter()
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    now = time.time()
    import datetime as dt

    stamp = dt.datetime.fromtimestamp(now, dt.UTC)
    records = (
        (i, user_id(i), f"member {i}", "", "", "", True, stamp, stamp) for i in range(1, members + 1)
    )
    await conn.copy_records_to_table(
        "member", records=records,
        columns=["id", "line_user_id", "display_name", "agency_text", "position", "consent_version", "active",
                 "created_at", "updated_at"],
    )
    await conn.execute("SELECT setval(pg_get_serial_sequence('member', 'id'), $1)", members)
    await conn.execute("ANALYZE member")
    await conn.close()
    return url, time.perf_counter() - started


async def drop_database(server_url: str, url: str) -> None:
    import asyncpg

    name = url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


# -- the run -------------------------------------------------------------------------------------

class CountingLine:
    """Wraps the LINE client to count attempts by outcome (the worker only sees this interface)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.outcomes: dict[str, int] = {}

    async def multicast_once(self, **kwargs: Any) -> Any:
        result = await self.inner.multicast_once(**kwargs)
        self.outcomes[result.outcome] = self.outcomes.get(result.outcome, 0) + 1
        return result


async def send(db_url: str, redis_url: str, base_url: str, rate: float, senders: int) -> dict[str, Any]:
    from backend.jobs.broadcasts import BroadcastRun
    from backend.runtime import open_runtime
    from backend.services.audience import AudienceFilter
    from backend.services.broadcasts import (
        BroadcastConfig,
        BroadcastCreate,
        broadcast_progress,
        create_broadcast,
    )
    from backend.settings import Settings
    from bot.line_client import LineClient

    settings = Settings(environment="test", database_url=db_url + "?minsize=1&maxsize=10", redis_url=redis_url,
                        redis_prefix=f"bench:{uuid.uuid4().hex[:6]}:", line_channel_access_token=TOKEN,
                        _env_file=None)  # type: ignore[call-arg]
    runtime = await open_runtime(settings)
    client = LineClient(base_url=base_url, access_token=TOKEN, clock=runtime.clock)
    line = CountingLine(client)
    try:
        request = BroadcastCreate(audience=AudienceFilter(), urgent=True,
                                  messages=[{"type": "text", "text": "ประกาศจาก สดช. ทดสอบการส่งค่ะ"}])
        broadcast = await create_broadcast(request, actor="bench", now=runtime.clock.utcnow())
        config = BroadcastConfig(rate_per_second=rate, senders=senders, max_run_seconds=3600)
        rss_before = rss_kib()
        peak = rss_before
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        run = asyncio.create_task(BroadcastRun(runtime, line, config, broadcast.id).run())
        started = time.perf_counter()
        while not run.done():
            peak = max(peak, rss_kib())
            await asyncio.wait({run}, timeout=0.25)
        elapsed = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
        outcome = run.result()
        await broadcast.refresh_from_db()
        progress = await broadcast_progress(broadcast, config=config)
        return {"outcome": str(outcome), "elapsed": elapsed, "progress": progress, "outcomes": line.outcomes,
                "cpu_seconds": cpu, "load": os.getloadavg()[0], "rss_before_mib": rss_before / 1024, "rss_peak_mib": peak / 1024,
                "hwm_mib": rss_kib("VmHWM") / 1024}
    finally:
        await client.close()
        await runtime.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--error-rate", type=float, default=0.02)
    parser.add_argument("--senders", type=int, default=16)
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres").replace(
        "postgresql://", "postgres://", 1)
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

    ctx = mp.get_context("spawn")
    port_recv, port_send = ctx.Pipe(duplex=False)
    result_recv, result_send = ctx.Pipe(duplex=False)
    stop = ctx.Event()
    emulator = ctx.Process(target=emulator_process,
                           args=(port_send, stop, result_send, args.members, args.rate, args.error_rate))
    emulator.start()
    base_url = port_recv.recv()

    async def run() -> tuple[dict[str, Any], float, str]:
        db_url, copy_seconds = await make_database(server, args.members)
        try:
            return await send(db_url, redis_url, base_url, args.rate, args.senders), copy_seconds, db_url
        finally:
            await drop_database(server, db_url)

    report, copy_seconds, _ = asyncio.run(run())
    stop.set()
    deliveries = result_recv.recv()
    emulator.join(timeout=60)

    progress = report["progress"]
    batches = progress.batches_total
    bound = batches / args.rate
    attempts = sum(report["outcomes"].values())
    print(f"members generated with COPY      {args.members:,} in {copy_seconds:.1f} s")
    print(f"broadcast outcome                {report['outcome']}  (sent {progress.sent:,}, "
          f"failed {progress.failed:,}, remaining {progress.remaining:,})")
    print(f"multicast batches                {batches:,} of <= 500")
    print(f"requests made                    {attempts:,}  {dict(sorted(report['outcomes'].items()))}")
    print(f"total time                       {report['elapsed']:.2f} s   bound {bound:.2f} s "
          f"({batches:,} requests at {args.rate:.0f}/s): {100 * (report['elapsed'] / bound - 1):+.1f}%")
    print(f"recipients reached exactly once  {deliveries['once']:,}")
    print(f"duplicates                       {deliveries['duplicated']:,}")
    print(f"lost                             {deliveries['lost']:,}")
    print(f"messages counted by the emulator {deliveries['messages']:,}")
    print(f"emulator CPU (whole run)         {deliveries['cpu_seconds']:.1f} s")
    print(f"worker CPU                       {report['cpu_seconds']:.1f} s "
          f"(machine load average {report['load']:.1f} on {os.cpu_count()} cores)")
    print(f"worker RSS                       {report['rss_before_mib']:.0f} MiB before, "
          f"peak {report['rss_peak_mib']:.0f} MiB while sending (process high-water {report['hwm_mib']:.0f} MiB)")


if __name__ == "__main__":
    main()
