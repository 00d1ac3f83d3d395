"""Saturated handling: the product's workers against bench/bare_handler.py, in alternating pairs.

For each run a backlog of --handle-events events (the storm's mix: text searches, course postbacks, follows,
each with its own reply token) is queued while the handlers are stopped (SIGSTOP): for the product through
its webhook, for the bare handler straight onto its ready list. Then the handlers are let go (SIGCONT) and
the run lasts until the emulator has recorded a reply for every token: throughput = events / (last reply -
release). The CPU of each process group over the run is read from /proc, so each run also gives the
handlers' CPU per event with nothing else (no webhook traffic) in the picture.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import signal
import statistics
import subprocess
import time
from dataclasses import dataclass

import aiohttp
import asyncpg
import orjson
from redis.asyncio import Redis

from bench.cluster import CHANNEL_TOKEN, PYTHON, ROOT, Cluster, _spawn
from bench.proc_cpu import CpuMeter, CpuSplit
from bench.storm_support import (
    Planned,
    ReplyLedger,
    gather_bounded,
    pg_url,
    plain_event,
    post,
    reply_tokens,
    signed,
)
from bot.postback import plain_postback

BARE_QUEUE = "bare:ready"
TEXTS = ("หาหลักสูตร AI", "หาหลักสูตรข้อมูล", "หลักสูตรออนไลน์เดือนหน้า", "หาหลักสูตร Excel", "หลักสูตรของฉัน",
         "หาหลักสูตร cyber security", "อยากเรียน Power BI")


@dataclass
class HandlingRun:
    name: str
    events: int
    seconds: float
    answered: int
    twice: int
    cpu: CpuSplit

    @property
    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds > 0 else float("nan")


def backlog(users: list[str], tokens: list[str], codes: list[str], secret: str, seed: int) -> list[Planned]:
    """The storm's mix without redeliveries: 65% text, 25% course postbacks, 10% follows."""
    rng = random.Random(seed)
    stamp = int(time.time() * 1000)
    planned = []
    for i, token in enumerate(tokens):
        user = users[i % len(users)]
        draw = rng.random()
        if draw < 0.65:
            action = {"type": "text", "text": rng.choice(TEXTS)}
            kind = "text"
        elif draw < 0.90:
            action = {"type": "postback", "data": plain_postback("course", c=rng.choice(codes))}
            kind = "postback"
        else:
            action, kind = {"type": "follow", "isUnblocked": True}, "follow"
        planned.append(signed(plain_event(user, action, token, stamp), secret, kind))
    return planned


async def postgres_backends(cluster: Cluster) -> list[int]:
    """The PostgreSQL server processes serving the cluster's database (every pool is open by now)."""
    conn = await asyncpg.connect(pg_url(cluster.database_url))
    try:
        database = cluster.database_url.split("?", 1)[0].rsplit("/", 1)[1]
        return [r["pid"] for r in await conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", database)]
    finally:
        await conn.close()


def start_bare_handlers(cluster: Cluster, count: int, nice: int) -> list[subprocess.Popen[bytes]]:
    env = dict(cluster.env(), LINE_API_BASE_URL=cluster.emulator_url, LINE_CHANNEL_ACCESS_TOKEN=CHANNEL_TOKEN,
               PYTHONPATH=str(ROOT))
    prefix = ["nice", "-n", str(nice)] if nice else []
    return [_spawn(f"bare-handler{i + 1}", [*prefix, PYTHON, "-m", "bench.bare_handler", "--queue", BARE_QUEUE],
                   env, cluster.log_dir) for i in range(count)]


async def wait_answered(http: aiohttp.ClientSession, emulator_url: str, ledger: ReplyLedger, tokens: set[str],
                        timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await ledger.refresh(http, emulator_url)
        pushed = sum(len(v) for v in ledger.pushes.values())  # too late for the token: pushed instead
        if sum(1 for t in tokens if t in ledger.accepted) + pushed >= len(tokens):
            return
        await asyncio.sleep(1.0)  # the run's end is the emulator's time of the last reply


async def one_run(name: str, procs: list[subprocess.Popen[bytes]], fill: object, planned: list[Planned],
                  meter: CpuMeter, http: aiohttp.ClientSession, emulator_url: str, timeout: float) -> HandlingRun:
    for proc in procs:
        proc.send_signal(signal.SIGSTOP)
    ledger = ReplyLedger()
    await ledger.refresh(http, emulator_url)  # skip what came before
    try:
        await fill(planned)  # type: ignore[operator]
        await asyncio.sleep(0.5)  # the webhook's last acknowledgements settle
    finally:
        before = meter.snapshot()
        released = time.time()
        for proc in procs:
            proc.send_signal(signal.SIGCONT)
    tokens = {p.token for p in planned if p.token}
    await wait_answered(http, emulator_url, ledger, tokens, timeout)
    cpu = meter.since(before)
    answered_at = [min(ledger.accepted[t]) for t in tokens if t in ledger.accepted]
    pushed = sum(len(v) for v in ledger.pushes.values())
    twice = sum(1 for t in tokens if len(ledger.accepted.get(t, [])) > 1 or ledger.rejected.get(t))
    seconds = (max(answered_at) - released) if answered_at else float("nan")
    if pushed:
        print(f"    ({name}: {pushed} answers pushed, past the reply token's age; not counted)")
    return HandlingRun(name, len(planned), seconds, len(answered_at), twice, cpu)


async def run_handling_pairs(args: argparse.Namespace, cluster: Cluster, http: aiohttp.ClientSession,
                             webhook: str, users: list[str], codes: list[str], meter_groups: dict[str, list[int]],
                             product_workers: list[subprocess.Popen[bytes]]) -> dict[str, float]:
    bare = start_bare_handlers(cluster, len(product_workers), args.worker_nice)
    redis = Redis.from_url(cluster.redis_url)
    try:
        await asyncio.sleep(2.0)  # the bare handlers connect (their pools open at start)
        for proc in bare:
            if proc.poll() is not None:
                raise SystemExit(f"a bare handler exited ({proc.returncode}); see {cluster.log_dir}")
        groups = {"product workers": [p.pid for p in product_workers], "bare handlers": [p.pid for p in bare],
                  **{name: pids for name, pids in meter_groups.items() if name != "workers"},
                  "postgres": await postgres_backends(cluster)}
        meter = CpuMeter(groups, with_children={"web"})

        async def fill_product(planned: list[Planned]) -> None:
            sent = await gather_bounded((post(http, webhook, p) for p in planned), 64)
            failed = [s for s in sent if s.status != 200]
            if failed:
                raise SystemExit(f"{len(failed)} webhook posts failed while queueing the backlog")

        async def fill_bare(planned: list[Planned]) -> None:
            await redis.rpush(BARE_QUEUE, *(orjson.dumps(p.event) for p in planned))  # type: ignore[misc]

        n = args.handle_events
        print(f"\nsaturated handling, a backlog of {n} events per run (the storm's mix), {len(bare)} bare handlers "
              f"against {len(product_workers)} workers:", flush=True)
        ratios, product_cpu, bare_cpu, product_rates = [], [], [], []
        for i in range(args.handle_pairs):
            runs: dict[str, HandlingRun] = {}
            order = [("product", product_workers, fill_product), ("bare", bare, fill_bare)]
            if i % 2:
                order.reverse()
            for name, procs, fill in order:
                token_users = [users[j % len(users)] for j in range(n)]
                tokens = await reply_tokens(http, cluster.emulator_url, token_users)
                planned = backlog(users, tokens, codes, cluster.channel_secret, seed=i * 2 + (name == "bare"))
                runs[name] = await one_run(name, procs, fill, planned, meter, http, cluster.emulator_url,
                                           timeout=args.drain_timeout)
            product, bare_run = runs["product"], runs["bare"]
            ratio = product.rate / bare_run.rate
            ratios.append(ratio)
            product_rates.append(product.rate)
            product_cpu.append(product.cpu.per_event_ms("product workers", product.answered))
            bare_cpu.append(bare_run.cpu.per_event_ms("bare handlers", bare_run.answered))
            print(f"  pair {i + 1} ({order[0][0]} first): product {product.rate:,.0f}/s "
                  f"({product_cpu[-1]:.2f} ms CPU/event)  bare {bare_run.rate:,.0f}/s "
                  f"({bare_cpu[-1]:.2f} ms CPU/event)  ratio {ratio:.2f}"
                  + (f"  UNANSWERED product {product.events - product.answered} bare "
                     f"{bare_run.events - bare_run.answered}" if product.answered < product.events
                     or bare_run.answered < bare_run.events else "")
                  + (f"  TWICE {product.twice}" if product.twice else ""), flush=True)
            if args.cpu_detail:
                for run in (product, bare_run):
                    print(f"   {run.name} run, CPU by process ({run.events} events, {run.seconds:.1f} s):")
                    print(run.cpu.describe(run.answered))
        print(f"  ratio median {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})"
              f"   target >= 0.5")
        print(f"  product handling median {statistics.median(product_rates):,.0f} events/s   target >= 800/s")
        print(f"  worker CPU per event: product median {statistics.median(product_cpu):.3f} ms "
              f"(bare {statistics.median(bare_cpu):.3f} ms)   target <= 0.7 ms", flush=True)
        return {"handling_ratio": statistics.median(ratios),
                "product_handling_per_s": statistics.median(product_rates),
                "worker_cpu_ms_saturated": statistics.median(product_cpu)}
    finally:
        for proc in bare:
            if proc.poll() is None:
                proc.send_signal(signal.SIGCONT)
                proc.terminate()
        for proc in bare:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        await redis.aclose()
