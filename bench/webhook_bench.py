"""LINE webhook benchmark: acknowledgement latency and throughput, and webhook-to-reply latency.

    python bench/webhook_bench.py [--storm 3000] [--concurrency 64] [--users 100] [--rate 20] [--seconds 20]

Starts the product as in production (bench/cluster.py: 2 uvicorn web processes, 2 arq workers, the LINE
emulator as its own process; DATABASE_URL / REDIS_URL from the environment). Signed webhook bodies are
POSTed straight to /line/webhook (reply tokens issued by the emulator), so the sender measures the ack.

1. Ingest (workers stopped: the web tier alone, as when workers run on their own machines):
   a storm of `--storm` events as fast as `--concurrency` connections allow -> events/s (saturated), then
   5 s open-loop at half that rate -> ack p50/p99. The queued events are discarded afterwards.
2. Paced conversation load (workers running): `--users` consented members send text messages
   (greeting, course search, my registrations, thanks) at `--rate` events/s for `--seconds` ->
   ack p50/p99 under load, webhook-to-reply p50/p95 (message POSTed -> answer in the user's chat).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import httpx
from redis.asyncio import Redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.settings import DEFAULT_SECRET
from bench.cluster import running_cluster
from bot.postback import encode_postback
from line_emulator import build_event, build_webhook_body, make_user_id, sign

TEXTS = ("สวัสดีค่ะ", "หาหลักสูตร AI", "หลักสูตรของฉัน", "หาหลักสูตรข้อมูลเดือนหน้า", "ขอบคุณค่ะ")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def signed(cluster: Any, user: str, text: str, reply_token: str) -> tuple[bytes, dict[str, str]]:
    event = build_event(user, {"type": "text", "text": text}, reply_token=reply_token,
                        timestamp_ms=int(time.time() * 1000))
    body = build_webhook_body([event], "Ubench")
    return body, {"X-Line-Signature": sign(body, cluster.channel_secret), "Content-Type": "application/json"}


async def bot_deliveries(http: httpx.AsyncClient, user: str) -> list[float]:
    """Times of the bot's deliveries (one per reply/push call) in the user's chat, oldest first."""
    entries = (await http.get(f"/_emulator/users/{user}/messages", params={"from": "bot"})).json()["messages"]
    first: dict[str, float] = {}
    for entry in entries:
        first.setdefault(entry["requestId"], entry["time"])
    return sorted(first.values())


async def storm(cluster: Any, args: argparse.Namespace) -> tuple[float, list[float], dict[int, int]]:
    users = [make_user_id(f"storm-{i}") for i in range(200)]
    bodies = [signed(cluster, users[i % len(users)], TEXTS[i % len(TEXTS)], f"{i:032x}")
              for i in range(args.storm)]
    acks: list[float] = []
    statuses: dict[int, int] = {}
    next_index = iter(range(len(bodies)))
    # aiohttp: httpx's connection pool costs the sender more than the server spends at this concurrency.
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(base_url=cluster.web_url, connector=connector) as web:
        async def sender() -> None:
            for i in next_index:
                body, headers = bodies[i]
                t0 = time.perf_counter()
                async with web.post("/line/webhook", data=body, headers=headers) as response:
                    await response.read()
                acks.append((time.perf_counter() - t0) * 1000)
                statuses[response.status] = statuses.get(response.status, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(sender() for _ in range(args.concurrency)))
        seconds = time.perf_counter() - started
    return len(bodies) / seconds, acks, statuses


async def steady_ingest(cluster: Any, rate: float, seconds: float) -> list[float]:
    """Open loop: events arrive at `rate`/s whatever the answers do; returns the ack latencies."""
    users = [make_user_id(f"steady-{i}") for i in range(200)]
    total = int(rate * seconds)
    bodies = [signed(cluster, users[i % len(users)], TEXTS[i % len(TEXTS)], f"{i:032x}") for i in range(total)]
    acks: list[float] = []
    async with aiohttp.ClientSession(base_url=cluster.web_url, connector=aiohttp.TCPConnector(limit=0)) as web:
        async def post(i: int) -> None:
            body, headers = bodies[i]
            t0 = time.perf_counter()
            async with web.post("/line/webhook", data=body, headers=headers) as response:
                await response.read()
            acks.append((time.perf_counter() - t0) * 1000)

        tasks = []
        start = time.perf_counter()
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(post(i)))
        await asyncio.gather(*tasks)
    return acks


async def discard_queue(redis_url: str) -> None:
    redis = Redis.from_url(redis_url)
    async for key in redis.scan_iter(match="line:inbox:*", count=1000):
        await redis.delete(key)
    await redis.delete("line:ready", "arq:queue")
    await redis.aclose()


async def paced(cluster: Any, args: argparse.Namespace) -> tuple[list[float], list[float], int, int]:
    users = [make_user_id(f"bench-{i}") for i in range(args.users)]
    async with httpx.AsyncClient(base_url=cluster.emulator_url, timeout=60) as http:
        gate = asyncio.Semaphore(16)

        async def call(path: str, body: dict[str, Any]) -> None:
            for attempt in range(3):
                try:
                    await http.post(path, json=body)
                    return
                except httpx.TransportError:
                    if attempt == 2:
                        raise
                    await asyncio.sleep(0.5)

        async def onboard(user: str) -> None:
            async with gate:
                await call("/_emulator/users", {"userId": user, "displayName": "ผู้ทดสอบ"})
                await call(f"/_emulator/users/{user}/send", {"type": "follow"})
                data = encode_postback("consent", user_id=user, secret=DEFAULT_SECRET, now=time.time())
                await call(f"/_emulator/users/{user}/send", {"type": "postback", "data": data})

        await asyncio.gather(*(onboard(u) for u in users))
        for _ in range(300):
            counts = [len(await bot_deliveries(http, u)) for u in users]
            if min(counts) >= 2:
                break
            await asyncio.sleep(0.2)
        before = {u: len(await bot_deliveries(http, u)) for u in users}
        total = int(args.rate * args.seconds)
        plan = [(users[i % len(users)], TEXTS[i % len(TEXTS)]) for i in range(total)]
        tokens = [(await http.post(f"/_emulator/users/{u}/reply-token")).json()["replyToken"] for u, _ in plan]

    acks: list[float] = []
    sent_at: dict[str, list[float]] = {u: [] for u in users}
    async with aiohttp.ClientSession(base_url=cluster.web_url, connector=aiohttp.TCPConnector(limit=0)) as web:
        async def post(i: int) -> None:
            user, text = plan[i]
            body, headers = signed(cluster, user, text, tokens[i])
            sent_at[user].append(time.time())
            t0 = time.perf_counter()
            async with web.post("/line/webhook", data=body, headers=headers) as response:
                await response.read()
            acks.append((time.perf_counter() - t0) * 1000)

        tasks = []
        start = time.perf_counter()
        for i in range(total):  # open loop: a fixed arrival schedule, whatever the answers do
            delay = start + i / args.rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(post(i)))
        await asyncio.gather(*tasks)

    latencies: list[float] = []
    answered = 0
    async with httpx.AsyncClient(base_url=cluster.emulator_url, timeout=60) as http:
        deadline = time.monotonic() + 120
        pending = set(users)
        replies: dict[str, list[float]] = {}
        while pending and time.monotonic() < deadline:
            for user in list(pending):
                replies[user] = (await bot_deliveries(http, user))[before[user]:]
                if len(replies[user]) >= len(sent_at[user]):
                    pending.discard(user)
            if pending:
                await asyncio.sleep(0.3)
    for user in users:
        for t_sent, t_answer in zip(sent_at[user], replies.get(user, []), strict=False):
            latencies.append((t_answer - t_sent) * 1000)
            answered += 1
    return acks, latencies, answered, total


async def run(args: argparse.Namespace) -> None:
    async with running_cluster(webs=args.webs, workers=args.workers, database="onde_webhook_bench",
                               emulator_args=["--no-redelivery", "--reply-token-ttl", "900"]) as cluster:
        workers = [name for name in cluster.processes if name.startswith("worker")]
        for name in workers:
            cluster.kill(name)
        rate, storm_acks, statuses = await storm(cluster, args)
        await discard_queue(cluster.redis_url)
        steady_rate = max(10.0, round(rate * args.steady_share / 10) * 10)
        steady_acks = await steady_ingest(cluster, steady_rate, 5)
        await discard_queue(cluster.redis_url)
        for name in workers:
            cluster.start_worker(name)
        acks, latencies, answered, total = await paced(cluster, args)

    print(f"webhook benchmark ({args.webs} web processes, {args.workers} workers, emulator, PostgreSQL, Redis "
          f"on this machine)")
    print(f"  ingest storm: {args.storm} events, {args.concurrency} connections, answers {statuses}")
    print(f"    events/s acknowledged   {rate:,.0f}  (saturated: acks include queueing)")
    print(f"    ack p50 / p99           {pct(storm_acks, 50):.1f} ms / {pct(storm_acks, 99):.1f} ms")
    print(f"  steady ingest at {steady_rate:g} events/s (open loop, {args.steady_share:.0%} of the maximum):")
    print(f"    ack p50 / p99           {pct(steady_acks, 50):.1f} ms / {pct(steady_acks, 99):.1f} ms")
    print(f"  conversations: {total} text events from {args.users} members at {args.rate:g}/s "
          f"(greeting, search, my registrations, thanks)")
    print(f"    ack p50 / p99           {pct(acks, 50):.1f} ms / {pct(acks, 99):.1f} ms")
    print(f"    webhook-to-reply p50/p95 {pct(latencies, 50):.0f} ms / {pct(latencies, 95):.0f} ms "
          f"({answered}/{total} answered)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--storm", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--steady-share", type=float, default=0.5, help="steady ingest rate / storm rate")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--webs", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
