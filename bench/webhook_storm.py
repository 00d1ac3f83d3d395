"""Webhook storm against the 2 web + 2 worker cluster, and the product's ack throughput against a bare receiver.

    .venv/bin/python bench/webhook_storm.py [--rate 500] [--seconds 60] [--users 3000] [--pairs 4]
        [--handle-pairs 0] [--handle-events 4000] [--cpu-detail] [--busy 0]

0. Warm-up (--warm-up seconds at --warm-up-rate, other users, not measured): a running service has its
   connection pools open and its caches filled; --warm-up 0 measures a cluster that just started.
1. Storm (open loop): signed single-event webhook bodies at --rate/s for --seconds, straight to
   /line/webhook: 60% text searches, 25% postbacks (course details), 10% follows, 5% redeliveries
   (the same event again with isRedelivery). Reply tokens are issued by the emulator's control API, so
   every answer is a real reply the emulator checks. Prints ack p50/p99, webhook-to-reply p50/p95
   (reply call recorded by the emulator, matched by reply token), lost (no reply) and handled twice
   (a second reply attempt on a token), and the reply p95 per --window seconds of the run.
2. Saturation, pair by pair: the product and bench/bare_receiver.py (HMAC + JSON + SET NX + LPUSH, same
   uvicorn settings) are each driven closed-loop at --concurrency for --pair-seconds, alternating which
   goes first; the workers are paused (SIGSTOP) meanwhile so both receivers get the same CPUs. Prints
   each pair's acks/s and ratio product/bare, and the median ratio.

3. Saturated handling, pair by pair (--handle-pairs N, bench/handling_pairs.py): a backlog of --handle-events
   events is queued while the handlers are stopped, then handled flat out, by the product's workers and by
   bench/bare_handler.py (take the event, read the member with one query, post a short reply; same process
   count, Redis and PostgreSQL), alternating which goes first. Prints each pair's events/s, the ratio
   product/bare and each side's CPU per event.

The storm and each handling run print the CPU each process group used (utime + stime from /proc: workers, web,
emulator, the database's PostgreSQL backends, Redis, the load generator, and what the rest of the machine used
meanwhile) and the workers' CPU per handled event, which depends far less on other load on the machine than
throughput does. --seconds 0 skips the storm. --busy 0.65 plays a slower day during the storm: a process
(bench/noisy_neighbour.py) keeps 65% of a core busy meanwhile.

Runs on its own redis-server (free port) and a fresh PostgreSQL database (DATABASE_URL, default local).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cluster import PYTHON, Cluster, _spawn, _wait_http, free_port, running_cluster  # noqa: E402
from bench.handling_pairs import postgres_backends, run_handling_pairs  # noqa: E402
from bench.local_redis import PrivateRedis, private_redis  # noqa: E402
from bench.noisy_neighbour import noisy_neighbour  # noqa: E402
from bench.proc_cpu import CpuMeter  # noqa: E402
from bench.storm_support import (  # noqa: E402
    Planned,
    ReplyLedger,
    Sent,
    add_consented_members,
    course_codes,
    emulator_users,
    pct,
    plain_event,
    post,
    reply_tokens,
    signed,
)
from bot.postback import plain_postback  # noqa: E402
from line_emulator import make_user_id  # noqa: E402

PLANNING_LEAD_SECONDS = 5.0
MAX_ACKS_PER_SECOND = 20_000
TEXTS = ("หาหลักสูตร AI", "หาหลักสูตรข้อมูล", "หลักสูตรออนไลน์เดือนหน้า", "หาหลักสูตร Excel", "หลักสูตรของฉัน",
         "หาหลักสูตร cyber security", "อยากเรียน Power BI")


def plan_storm(args: argparse.Namespace, users: list[str], tokens: list[str], codes: list[str],
               secret: str) -> list[tuple[float, Planned]]:
    """(offset seconds, body) in send order; tokens[i] belongs to users[i % len(users)]."""
    rng = random.Random(7)
    total = int(args.rate * args.seconds)
    # LINE stamps an event when it happens, just before delivering it: stamp each body with its planned send
    # time (planning takes a few seconds; the bot counts a reply token's age from the earlier of the stamp
    # and its own receipt).
    starts_ms = int((time.time() + PLANNING_LEAD_SECONDS) * 1000)
    schedule: list[tuple[float, Planned]] = []
    fresh: list[tuple[float, Planned]] = []
    for i in range(total):
        offset = i / args.rate
        draw = rng.random()
        if draw < 0.05 and fresh:
            # a redelivery of an event sent 1-3 s earlier
            candidates = [p for t, p in fresh[-int(args.rate * 3):] if offset - t >= 1.0 and not p.redelivery]
            if candidates:
                original = rng.choice(candidates)
                schedule.append((offset, signed(original.event, secret, original.kind, redelivery=True)))
                continue
        n = len(fresh)
        user, token = users[n % len(users)], tokens[n]
        stamp = starts_ms + int(offset * 1000)
        if draw < 0.65:
            planned = signed(plain_event(user, {"type": "text", "text": rng.choice(TEXTS)}, token, stamp), secret, "text")
        elif draw < 0.90:
            data = plain_postback("course", c=rng.choice(codes))  # what a course's button carries
            planned = signed(plain_event(user, {"type": "postback", "data": data}, token, stamp), secret, "postback")
        else:
            planned = signed(plain_event(user, {"type": "follow", "isUnblocked": True}, token, stamp), secret, "follow")
        fresh.append((offset, planned))
        schedule.append((offset, planned))
    return schedule


def unique_count(args: argparse.Namespace) -> int:
    return int(args.rate * args.seconds)


async def run_storm(http: aiohttp.ClientSession, url: str, schedule: list[tuple[float, Planned]],
                    max_in_flight: int) -> tuple[list[Sent], float]:
    gate = asyncio.Semaphore(max_in_flight)
    results: list[Sent] = []
    tasks = []

    async def fire(planned: Planned) -> None:
        try:
            results.append(await post(http, url, planned))
        finally:
            gate.release()

    started = time.monotonic()
    for offset, planned in schedule:
        delay = started + offset - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        await gate.acquire()
        tasks.append(asyncio.create_task(fire(planned)))
    await asyncio.gather(*tasks)
    return results, time.monotonic() - started


async def wait_for_replies(http: aiohttp.ClientSession, emulator_url: str, ledger: ReplyLedger,
                           tokens: set[str], timeout: float) -> None:
    """Until every token has its reply (or a push stands in for it), 30 s pass without progress, or timeout."""
    deadline = time.monotonic() + timeout
    last, quiet_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        await ledger.refresh(http, emulator_url)
        answered = sum(1 for t in tokens if t in ledger.accepted) + sum(len(v) for v in ledger.pushes.values())
        if answered >= len(tokens):
            return
        if answered != last:
            last, quiet_since = answered, time.monotonic()
        elif time.monotonic() - quiet_since > 30:
            return
        await asyncio.sleep(1.0)


async def saturate(http: aiohttp.ClientSession, url: str, bodies: list[Planned], seconds: float,
                   concurrency: int) -> tuple[float, int]:
    """Closed loop: acks (2xx) per second over `seconds`; consumes bodies from the end of the list."""
    ok = 0
    errors = 0
    stop_at = time.monotonic() + seconds

    async def loop() -> None:
        nonlocal ok, errors
        while time.monotonic() < stop_at and bodies:
            sent = await post(http, url, bodies.pop())
            if sent.status is not None and 200 <= sent.status < 300:
                ok += 1
            else:
                errors += 1

    started = time.monotonic()
    await asyncio.gather(*(loop() for _ in range(concurrency)))
    return ok / (time.monotonic() - started), errors


def saturation_bodies(count: int, secret: str, tag: str) -> list[Planned]:
    users = [make_user_id(f"sat-{tag}-{i}") for i in range(2000)]
    return [signed(plain_event(users[i % len(users)], {"type": "text", "text": "หาหลักสูตร AI"}), secret, "text")
            for i in range(count)]


def start_bare(cluster: Cluster, webs: int) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    env = dict(os.environ, CHANNEL_SECRET=cluster.channel_secret, REDIS_URL=cluster.redis_url,
               PYTHONPATH=str(ROOT))
    proc = _spawn("bare", [
        PYTHON, "-m", "uvicorn", "--factory", "bench.bare_receiver:create_app", "--host", "127.0.0.1",
        "--port", str(port), "--workers", str(webs), "--no-access-log", "--log-level", "warning",
        "--loop", "uvloop", "--http", "httptools",
    ], env, cluster.log_dir)
    return f"http://127.0.0.1:{port}", proc


def workers(cluster: Cluster) -> list[subprocess.Popen[bytes]]:
    return [p for name, p in cluster.processes.items() if name.startswith("worker") and p.poll() is None]


async def cpu_groups(cluster: Cluster, redis_server: PrivateRedis) -> dict[str, list[int]]:
    """Process ids to read CPU time from, by group (the web's uvicorn serves from its children)."""
    groups = {"workers": [p.pid for p in workers(cluster)], "web": [cluster.processes["web"].pid],
              "emulator": [cluster.processes["emulator"].pid], "postgres": await postgres_backends(cluster),
              "redis": [redis_server.process.pid] if redis_server.process else [],
              "load generator": [os.getpid()]}
    return groups


async def run(args: argparse.Namespace) -> dict[str, float]:
    figures: dict[str, float] = {}
    with private_redis(appendfsync=args.appendfsync) as redis_server:
        os.environ["REDIS_URL"] = redis_server.url
        async with running_cluster(webs=args.webs, workers=args.workers, database="onde_storm",
                                   emulator_args=["--reply-token-ttl", "3600"],
                                   worker_nice=args.worker_nice) as cluster:
            secret = cluster.channel_secret
            webhook = f"{cluster.web_url}/line/webhook"
            users = [make_user_id(f"storm-{i}") for i in range(args.users)]
            connector = aiohttp.TCPConnector(limit=args.max_in_flight + 64, keepalive_timeout=2)  # < uvicorn 5 s
            async with aiohttp.ClientSession(connector=connector) as http:
                await add_consented_members(cluster.database_url, users)
                await emulator_users(http, cluster.emulator_url, users)
                codes = await course_codes(cluster.database_url)
                if args.warm_up > 0:
                    await warm_up(args, cluster, http, webhook, codes, secret)
                groups = await cpu_groups(cluster, redis_server)
                if args.seconds > 0:
                    figures.update(await storm(args, cluster, http, webhook, users, codes, secret, groups))
                if args.handle_pairs:
                    figures.update(await run_handling_pairs(args, cluster, http, webhook, users, codes, groups,
                                                            workers(cluster)))
                if args.pairs:
                    figures.update(await run_pairs(args, cluster, http, webhook, secret))
    return figures


async def storm(args: argparse.Namespace, cluster: Cluster, http: aiohttp.ClientSession, webhook: str,
                users: list[str], codes: list[str], secret: str, groups: dict[str, list[int]]) -> dict[str, float]:
    figures: dict[str, float] = {}
    t = time.monotonic()
    n = unique_count(args)
    token_users = [users[i % len(users)] for i in range(n)]
    tokens = await reply_tokens(http, cluster.emulator_url, token_users)
    schedule = plan_storm(args, users, tokens, codes, secret)
    print(f"prepared {len(users)} members, {len(tokens)} reply tokens, {len(schedule)} bodies "
          f"in {time.monotonic() - t:.0f} s", flush=True)
    ledger = ReplyLedger()
    await ledger.refresh(http, cluster.emulator_url)  # skip the calls made while preparing

    meter = CpuMeter(groups, with_children={"web"})
    with noisy_neighbour(args.busy):
        cpu_before = meter.snapshot()
        results, elapsed = await run_storm(http, webhook, schedule, args.max_in_flight)
        await wait_for_replies(http, cluster.emulator_url, ledger,
                               {p.token for _, p in schedule if p.token and not p.redelivery},
                               timeout=args.drain_timeout)
        cpu = meter.since(cpu_before)
    acks = [r.ack_ms for r in results if r.ack_ms is not None]
    statuses: dict[str, int] = {}
    for r in results:
        key = str(r.status or r.error)
        statuses[key] = statuses.get(key, 0) + 1
    first_send: dict[str, float] = {}
    for r in sorted(results, key=lambda s: s.sent_at):
        first_send.setdefault(r.planned.event_id, r.sent_at)
    originals = [p for _, p in schedule if not p.redelivery]
    latencies, lost, twice, by_push = [], 0, 0, 0
    sent_at: list[float] = []
    by_kind: dict[str, list[float]] = {}
    pushes_left = {user: sorted(times) for user, times in ledger.pushes.items()}
    for p in originals:
        answered = ledger.accepted.get(p.token or "")
        if not answered:
            # too late for the reply token (> 50 s after receipt): the bot pushes instead
            user = p.event["source"]["userId"]
            later = [t for t in pushes_left.get(user, []) if t >= first_send[p.event_id]]
            if later:
                pushes_left[user].remove(later[0])
                by_push += 1
                latencies.append((later[0] - first_send[p.event_id]) * 1000)
                by_kind.setdefault(p.kind, []).append(latencies[-1])
                sent_at.append(first_send[p.event_id])
            else:
                lost += 1
            continue
        if len(answered) > 1 or ledger.rejected.get(p.token or ""):
            twice += 1
        latencies.append((min(answered) - first_send[p.event_id]) * 1000)
        by_kind.setdefault(p.kind, []).append(latencies[-1])
        sent_at.append(first_send[p.event_id])
    pushes = sum(len(v) for v in ledger.pushes.values())
    answered_at = [t for times in ledger.accepted.values() for t in times]
    answered_at += [t for times in ledger.pushes.values() for t in times]
    span = (max(answered_at) - min(first_send.values())) if answered_at else float("nan")
    redeliveries = sum(1 for _, p in schedule if p.redelivery)
    print(f"\nwebhook storm: {len(schedule)} bodies ({len(originals)} events + {redeliveries} "
          f"redeliveries) at {args.rate:g}/s for {args.seconds:g} s, {args.users} users, "
          f"{args.webs} web + {args.workers} workers"
          f"{f' (nice {args.worker_nice})' if args.worker_nice else ''}, CPUs {os.cpu_count()}"
          f"{f', a neighbour keeping {args.busy:.0%} of a core busy' if args.busy else ''}")
    print(f"  sent in            {elapsed:.1f} s ({len(results) / elapsed:.0f}/s achieved)")
    print(f"  webhook answers    {statuses}")
    print(f"  ack p50 / p99      {pct(acks, 50):.1f} ms / {pct(acks, 99):.1f} ms (max {max(acks):.0f} ms)"
          f"   target p99 < 50 ms")
    print(f"  webhook-to-reply   p50 {pct(latencies, 50):.0f} ms / p95 {pct(latencies, 95):.0f} ms "
          f"(n={len(latencies)})   target p95 < 500 ms")
    print("  by kind            " + ", ".join(
        f"{kind} p50 {pct(v, 50):.0f} / p95 {pct(v, 95):.0f} ms (n={len(v)})" for kind, v in sorted(by_kind.items())))
    print(f"  reply p95 by {args.window:g} s   " + timeline(sent_at, latencies, args.window))
    print(f"  handled            {len(latencies) / span:.0f} events/s (first send to last answer, "
          f"{span:.1f} s)")
    print(f"  lost               {lost}   (events without an answer when the run stopped waiting)")
    print(f"  handled twice      {twice}   (a second reply on one token)")
    print(f"  answered by push   {by_push} events (no reply call; {pushes} pushes in all)")
    worker_ms = cpu.per_event_ms("workers", len(latencies))
    print(f"  worker CPU         {worker_ms:.3f} ms per handled event   target <= 0.7 ms; web "
          f"{cpu.per_event_ms('web', len(results)):.3f} ms per acknowledged body")
    print(f"  CPU by process over the run (ms/event: per handled event)\n{cpu.describe(len(latencies))}",
          flush=True)
    figures.update(ack_p50=pct(acks, 50), ack_p99=pct(acks, 99), reply_p50=pct(latencies, 50),
                   reply_p95=pct(latencies, 95), lost=lost, twice=twice, worker_cpu_ms=worker_ms,
                   handled_per_s=len(latencies) / span)

    return figures


async def run_pairs(args: argparse.Namespace, cluster: Cluster, http: aiohttp.ClientSession, webhook: str,
                    secret: str) -> dict[str, float]:
    bare_url, bare = start_bare(cluster, args.webs)
    try:
        await _wait_http(f"{bare_url}/")  # answers 400 to a GET without signature: it is up
        # Every body is a new event (a repeated one would be dropped as a duplicate, which costs less); enough
        # for a 1 s warm-up and a run at up to MAX_ACKS_PER_SECOND, made fresh before each pair.
        per_run = int((args.pair_seconds + 1) * MAX_ACKS_PER_SECOND)
        paused = workers(cluster)
        for proc in paused:
            proc.send_signal(signal.SIGSTOP)
        try:
            ratios = []
            print(f"\nsaturated ack throughput, closed loop at concurrency {args.concurrency}, "
                  f"{args.pair_seconds:g} s per run, workers paused:")
            for i in range(args.pairs):
                product_bodies = saturation_bodies(per_run, secret, f"p{i}")
                bare_bodies = saturation_bodies(per_run, secret, f"b{i}")
                order = [("product", webhook, product_bodies), ("bare", f"{bare_url}/", bare_bodies)]
                if i % 2:
                    order.reverse()
                rates = {}
                for name, url, bodies in order:
                    await saturate(http, url, bodies, 1.0, args.concurrency)  # warm connections
                    rates[name], errors = await saturate(http, url, bodies, args.pair_seconds, args.concurrency)
                    if not bodies:
                        raise SystemExit(f"{name} used up its {per_run} bodies: raise MAX_ACKS_PER_SECOND")
                    if errors:
                        print(f"    ({name}: {errors} non-2xx)")
                ratio = rates["product"] / rates["bare"]
                ratios.append(ratio)
                print(f"  pair {i + 1} ({order[0][0]} first): product {rates['product']:,.0f}/s  "
                      f"bare {rates['bare']:,.0f}/s  ratio {ratio:.2f}", flush=True)
            print(f"  ratio median {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})"
                  f"   target >= 0.75")
            return {"ratio": statistics.median(ratios)}
        finally:
            for proc in paused:
                proc.send_signal(signal.SIGCONT)
    finally:
        bare.terminate()
        bare.wait(timeout=10)


async def warm_up(args: argparse.Namespace, cluster: Cluster, http: aiohttp.ClientSession, webhook: str,
                  codes: list[str], secret: str) -> None:
    """A running service is warm: a short, light storm from other users first (not measured) opens the
    connection pools the processes keep (PostgreSQL, Redis, the LINE API) and fills their caches."""
    warm = argparse.Namespace(**{**vars(args), "rate": args.warm_up_rate, "seconds": args.warm_up})
    users = [make_user_id(f"warm-{i}") for i in range(300)]
    await add_consented_members(cluster.database_url, users)
    await emulator_users(http, cluster.emulator_url, users)
    n = unique_count(warm)
    tokens = await reply_tokens(http, cluster.emulator_url, [users[i % len(users)] for i in range(n)])
    schedule = plan_storm(warm, users, tokens, codes, secret)
    started = time.monotonic()
    await run_storm(http, webhook, schedule, args.max_in_flight)
    await wait_for_replies(http, cluster.emulator_url, ReplyLedger(),
                           {p.token for _, p in schedule if p.token and not p.redelivery}, timeout=60)
    print(f"warm-up: {len(schedule)} bodies at {warm.rate:g}/s answered in {time.monotonic() - started:.1f} s",
          flush=True)
    await asyncio.sleep(1.0)


def timeline(sent_at: list[float], latencies: list[float], window: float) -> str:
    """p95 of the reply latency of the events sent in each window of the run, in ms (where stalls are)."""
    if not sent_at:
        return "-"
    start = min(sent_at)
    buckets: dict[int, list[float]] = {}
    for at, ms in zip(sent_at, latencies, strict=True):
        buckets.setdefault(int((at - start) // window), []).append(ms)
    return " ".join(f"{pct(buckets.get(i, []), 95):.0f}" if buckets.get(i) else "-" for i in range(max(buckets) + 1))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=500, help="events per second")
    parser.add_argument("--seconds", type=float, default=60, help="storm length (0 = no storm)")
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--webs", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-in-flight", type=int, default=256)
    parser.add_argument("--appendfsync", default="everysec", choices=("always", "everysec"),
                        help="the private Redis's AOF fsync policy (README: everysec unless a machine crash "
                             "must not lose the last second)")
    parser.add_argument("--worker-nice", type=int, default=10,
                        help="run the workers at this lower CPU priority (nice; 0 = same as the web), "
                             "acknowledgements first on a shared machine")
    parser.add_argument("--drain-timeout", type=float, default=300, help="seconds to wait for the last replies")
    parser.add_argument("--warm-up", type=float, default=3,
                        help="seconds of a light storm from other users before the measured one (0 = none)")
    parser.add_argument("--warm-up-rate", type=float, default=100)
    parser.add_argument("--window", type=float, default=5, help="seconds per window of the reply-latency timeline")
    parser.add_argument("--pairs", type=int, default=4, help="product/bare saturation pairs (0 = skip)")
    parser.add_argument("--handle-pairs", type=int, default=0,
                        help="saturated handling pairs, product workers against bench/bare_handler.py (0 = skip)")
    parser.add_argument("--handle-events", type=int, default=4000, help="backlog per saturated handling run")
    parser.add_argument("--cpu-detail", action="store_true", help="CPU by process for every handling run")
    parser.add_argument("--busy", type=float, default=0.0,
                        help="during the storm, a process keeps this fraction of a core busy (a slower day)")
    parser.add_argument("--pair-seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=64)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    main()
