"""Fault runs against the cluster, each with asserted outcomes printed PASS/FAIL.

    .venv/bin/python bench/faults.py [--only redis,worker,line]

- redis: Redis restarted (SHUTDOWN NOSAVE, started again 5 s later) during a webhook storm sent through the
  emulator (which redelivers whatever the webhook does not answer 2xx, with backoff up to 30 s): /healthz
  reports degraded while Redis is down and ok afterwards without help, processes stay up, every event is
  answered and none twice.
- worker: a broadcast to 50,000 members starts on worker1 (worker2 is paused with SIGSTOP meanwhile); worker1
  gets SIGKILL a third of the way through and worker2 continues: worker2 resumes it (lease expiry + sweep), everyone gets it exactly once.
- line: LINE answers 15% 500s, 5% timeouts (call accepted, answer lost) and 429s (multicast limit 20/s)
  during a broadcast to 20,000 members: retries reuse their batch's X-Line-Retry-Key, every member gets the
  message exactly once, the broadcast completes.

Each runs on its own redis-server (a free port; the machine's Redis is never restarted) and a fresh
database `onde_faults` on DATABASE_URL (default the local PostgreSQL). Exit status 1 if anything FAILs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cluster import Cluster, running_cluster  # noqa: E402
from bench.local_redis import PrivateRedis, private_redis  # noqa: E402
from bench.storm_support import ReplyLedger, add_consented_members, emulator_users  # noqa: E402
from bot.emulator import make_user_id  # noqa: E402

TEXTS = ("หาหลักสูตร AI", "หาหลักสูตรข้อมูล", "หลักสูตรของฉัน", "สวัสดีค่ะ")


class Verdicts:
    def __init__(self, name: str) -> None:
        self.name = name
        self.ok = True

    def check(self, label: str, ok: bool, detail: str = "") -> None:
        self.ok &= ok
        print(f"  {'PASS' if ok else 'FAIL'}  {label}{'  (' + detail + ')' if detail else ''}", flush=True)


# -- Redis restarted during a webhook storm --------------------------------------------------------

async def redis_restart(args: argparse.Namespace) -> bool:
    verdict = Verdicts("redis")
    print(f"\nfault: Redis restarted during a webhook storm ({args.redis_rate:g} events/s for {args.redis_seconds:g} s"
          f", Redis down from t={args.redis_down_at:g} s for {args.redis_down_for:g} s)", flush=True)
    with private_redis() as redis_server:
        os.environ["REDIS_URL"] = redis_server.url
        async with running_cluster(webs=2, workers=2, database="onde_faults",
                                   emulator_args=["--reply-token-ttl", "3600"]) as cluster:
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=300, keepalive_timeout=2)) as http:
                await _redis_storm(args, cluster, redis_server, http, verdict)
    return verdict.ok


async def _redis_storm(args: argparse.Namespace, cluster: Cluster, redis_server: PrivateRedis,
                       http: aiohttp.ClientSession, verdict: Verdicts) -> None:
    emu = cluster.emulator_url
    async with http.post(f"{emu}/_emulator/config",
                         json={"webhook_retry_delays_seconds": [1, 2, 4, 8, 16, 30, 30, 30]}) as r:
        r.raise_for_status()
    users = [make_user_id(f"fault-{i}") for i in range(args.redis_users)]
    await add_consented_members(cluster.database_url, users)
    await emulator_users(http, emu, users)
    ledger = ReplyLedger()
    await ledger.refresh(http, emu)

    sent: list[dict[str, Any]] = []
    health: list[tuple[float, int, str]] = []
    first_status: dict[str, int] = {}
    started = time.monotonic()

    async def one(i: int) -> None:
        user = users[i % len(users)]
        for _ in range(3):  # a keep-alive connection the emulator just closed: play the action again
            try:
                async with http.post(f"{emu}/_emulator/users/{user}/send",
                                     json={"type": "text", "text": TEXTS[i % len(TEXTS)]}) as r:
                    body = await r.json()
                break
            except (aiohttp.ClientOSError, aiohttp.ServerDisconnectedError):
                await asyncio.sleep(0.1)
        else:
            return
        body["t"] = time.monotonic() - started
        sent.append(body)
        status = str(body["attempts"][0]["status"])
        first_status[status] = first_status.get(status, 0) + 1

    async def storm() -> None:
        tasks = []
        total = int(args.redis_rate * args.redis_seconds)
        for i in range(total):
            delay = started + i / args.redis_rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i)))
        await asyncio.gather(*tasks)

    async def watch_health() -> None:
        while time.monotonic() - started < args.redis_seconds + 30:
            try:
                async with http.get(f"{cluster.web_url}/healthz", timeout=aiohttp.ClientTimeout(total=5)) as r:
                    health.append((time.monotonic() - started, r.status, (await r.json()).get("status", "?")))
            except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                health.append((time.monotonic() - started, 0, type(exc).__name__))
            await asyncio.sleep(0.5)

    async def outage() -> tuple[float, float]:
        await asyncio.sleep(args.redis_down_at)
        down = time.monotonic() - started
        await asyncio.to_thread(redis_server.shutdown)
        await asyncio.sleep(args.redis_down_for)
        await asyncio.to_thread(redis_server.start)
        return down, time.monotonic() - started

    restarts: list[str] = []

    async def supervise() -> None:
        """--supervise: restart a worker process that exited, as a process manager (systemd, Heroku) does."""
        while True:
            await asyncio.sleep(1.0)
            for name, proc in list(cluster.processes.items()):
                if name.startswith("worker") and proc.poll() is not None:
                    restarts.append(name)
                    cluster.start_worker(name)

    watcher = asyncio.create_task(watch_health())
    supervisor = asyncio.create_task(supervise()) if args.supervise else None
    (down_at, up_at), _ = await asyncio.gather(outage(), storm())
    tokens = {s["replyToken"] for s in sent if s.get("replyToken")}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        await ledger.refresh(http, emu)
        if all(t in ledger.accepted for t in tokens):
            break
        await asyncio.sleep(1)
    await watcher
    if supervisor is not None:
        supervisor.cancel()
    async with http.get(f"{emu}/_emulator/webhook/attempts") as r:
        attempts = (await r.json())["attempts"]

    acked: set[str] = set()
    non_2xx = 0
    for a in attempts:
        if a["acknowledged"]:
            acked.update(a["webhook_event_ids"])
        else:
            non_2xx += 1
    ids = {s["webhookEventId"] for s in sent}
    sent_at = {s["replyToken"]: s["t"] for s in sent if s.get("replyToken")}
    lost = [t for t in tokens if t not in ledger.accepted]
    twice = [t for t in tokens if len(ledger.accepted.get(t, [])) > 1 or ledger.rejected.get(t)]
    lost_times = sorted(sent_at[t] for t in lost)
    during = [h for h in health if down_at <= h[0] <= up_at]
    after = [h for h in health if h[0] > up_at]
    recovered_at = next((h[0] for h in after if h[1] == 200), None)
    print(f"  sent {len(sent)} events; first answers {first_status}; {non_2xx} webhook POSTs answered non-2xx "
          f"(redelivered by the emulator); Redis down {down_at:.1f}-{up_at:.1f} s")
    verdict.check("/healthz degraded while Redis is down",
                  any(h[1] == 503 and h[2] == "degraded" for h in during),
                  f"{sorted({(h[1], h[2]) for h in during})}")
    verdict.check("/healthz ok again by itself", recovered_at is not None,
                  f"ok {recovered_at - up_at:.1f} s after Redis came back" if recovered_at else "never ok")
    alive = {name: proc.poll() is None for name, proc in cluster.processes.items()}
    verdict.check("every process still running" + (" (with a supervisor restarting exited workers)"
                                                   if args.supervise else " (no supervisor)"),
                  all(alive.values()) and not restarts, f"{alive}; restarts {restarts}")
    verdict.check("every event acknowledged (after redeliveries)", ids <= acked, f"{len(ids - acked)} never acked")
    verdict.check("no event lost (each answered)", not lost,
                  f"{len(lost)} without a reply" + (f", sent at t={lost_times[0]:.1f}..{lost_times[-1]:.1f} s"
                                                     if lost_times else ""))
    verdict.check("none handled twice", not twice, f"{len(twice)} answered twice")
    verdict.check("events after the restart answered",
                  all(t in ledger.accepted for t in tokens if sent_at[t] > up_at + 2))


# -- broadcasts: worker killed, LINE faults ------------------------------------------------------

async def _broadcast(cluster: Cluster, *, members: int, text: str) -> tuple[int, Any]:
    """Create an urgent broadcast to every member as the admin API does and queue its run."""
    from backend.jobs.broadcasts import enqueue_run
    from backend.runtime import open_runtime
    from backend.services.audience import AudienceFilter
    from backend.services.broadcasts import BroadcastCreate, create_broadcast
    from backend.settings import Settings

    saved = dict(os.environ)
    os.environ.update(cluster.env())  # the settings the cluster's processes run with
    try:
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
    finally:
        os.environ.clear()
        os.environ.update(saved)
    runtime = await open_runtime(settings)
    from backend.db import init_db

    await init_db(settings)
    broadcast = await create_broadcast(
        BroadcastCreate(title="fault run", audience=AudienceFilter(), urgent=True,
                        messages=[{"type": "text", "text": text}]), actor="bench", settings=settings)
    await enqueue_run(runtime, broadcast.id)
    return broadcast.id, runtime


async def _wait_broadcast(broadcast_id: int, timeout: float) -> str:
    from backend.models.broadcast import Broadcast

    deadline = time.monotonic() + timeout
    status = "?"
    while time.monotonic() < deadline:
        broadcast = await Broadcast.get(id=broadcast_id)
        status = str(broadcast.status)
        if status in ("completed", "cancelled"):
            return status
        await asyncio.sleep(1)
    return status


async def _multicasts(http: aiohttp.ClientSession, emulator_url: str) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    after = 0
    while True:
        async with http.get(f"{emulator_url}/_emulator/requests",
                            params={"operation": "multicast", "after": str(after), "limit": "500"}) as r:
            page = (await r.json())["requests"]
        if not page:
            return calls
        calls += page
        after = page[-1]["seq"]


async def _audience(database_url: str) -> set[str]:
    import asyncpg

    from bench.storm_support import pg_url

    conn = await asyncpg.connect(pg_url(database_url))
    try:
        rows = await conn.fetch("SELECT line_user_id FROM member WHERE line_user_id IS NOT NULL AND active "
                                "AND consent_at IS NOT NULL AND deleted_at IS NULL")
        return {r["line_user_id"] for r in rows}
    finally:
        await conn.close()


def _deliveries(calls: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for call in calls:
        if call["status"] == 200 and isinstance(call.get("body"), dict):
            for uid in call["body"].get("to", []):
                counts[uid] = counts.get(uid, 0) + 1
    return counts


def _key(call: dict[str, Any]) -> str | None:
    headers = {k.lower(): v for k, v in (call.get("headers") or {}).items()}
    return headers.get("x-line-retry-key")


def _delivery_checks(verdict: Verdicts, calls: list[dict[str, Any]], audience: set[str]) -> None:
    counts = _deliveries(calls)
    twice = sum(1 for n in counts.values() if n > 1)
    missing = len(audience - counts.keys())
    verdict.check("every member reached exactly once", not missing and not twice,
                  f"{len(audience):,} members, {missing:,} not reached, {twice:,} reached twice")
    keys = [_key(c) for c in calls]
    verdict.check("every multicast carries an X-Line-Retry-Key", all(keys))
    groups: dict[str, list[dict[str, Any]]] = {}
    for call, key in zip(calls, keys, strict=True):
        groups.setdefault(str(key), []).append(call)
    accepted_twice = sum(1 for g in groups.values() if sum(1 for c in g if c["status"] == 200) > 1)
    verdict.check("no retry key accepted twice", not accepted_twice, f"{accepted_twice} keys")
    bodies_differ = sum(1 for g in groups.values()
                        if len({tuple((c.get("body") or {}).get("to", ())) for c in g if c.get("body")}) > 1)
    verdict.check("a retry resends the same batch under the same key", not bodies_differ, f"{bodies_differ} keys")


async def worker_killed(args: argparse.Namespace) -> bool:
    verdict = Verdicts("worker")
    print(f"\nfault: worker SIGKILLed mid-broadcast ({args.kill_members:,} members)", flush=True)
    with private_redis() as redis_server:
        os.environ["REDIS_URL"] = redis_server.url
        async with running_cluster(webs=1, workers=2, database="onde_faults") as cluster:
            standby = cluster.processes["worker2"]
            standby.send_signal(signal.SIGSTOP)  # idle until worker1 dies, so worker1 takes the broadcast
            users = [make_user_id(f"bc-{i}") for i in range(args.kill_members)]
            await add_consented_members(cluster.database_url, users)
            audience = await _audience(cluster.database_url)
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(keepalive_timeout=2)) as http:
                async with http.post(f"{cluster.emulator_url}/_emulator/config", json={
                        "faults": {"delay_seconds": 0.5, "operations": ["multicast"]}}) as r:
                    r.raise_for_status()
                broadcast_id, runtime = await _broadcast(cluster, members=args.kill_members,
                                                         text="ประกาศทดสอบ ขออภัยในความไม่สะดวกค่ะ")
                try:
                    started = time.monotonic()
                    batches = (len(audience) + 499) // 500
                    while len(await _multicasts(http, cluster.emulator_url)) < batches // 3:
                        if time.monotonic() - started > 120:
                            break
                        await asyncio.sleep(0.3)
                    before_kill = len(await _multicasts(http, cluster.emulator_url))
                    cluster.kill("worker1")
                    killed_at = time.time()
                    standby.send_signal(signal.SIGCONT)
                    status = await _wait_broadcast(broadcast_id, timeout=180)
                    calls = await _multicasts(http, cluster.emulator_url)
                finally:
                    await runtime.close()
                    from backend.db import close_db

                    await close_db()
            after = [c for c in calls if c["time"] > killed_at]
            resumed_in = (min(c["time"] for c in after) - killed_at) if after else float("nan")
            print(f"  {len(audience):,} recipients, {batches} batches; worker1 killed after {before_kill} "
                  f"multicast calls; first call from worker2 {resumed_in:.1f} s after the kill")
            verdict.check("broadcast completed on the other worker", status == "completed" and bool(after),
                          f"status {status}, {len(after)} calls after the kill")
            verdict.check("worker2 still running", cluster.processes["worker2"].poll() is None)
            _delivery_checks(verdict, calls, audience)
    return verdict.ok


async def line_faults(args: argparse.Namespace) -> bool:
    verdict = Verdicts("line")
    print(f"\nfault: LINE answers 500s ({args.error_rate:.0%}), timeouts ({args.timeout_rate:.0%}) and 429s "
          f"(multicast limit {args.multicast_limit:g}/s) during a broadcast to {args.line_members:,} members",
          flush=True)
    with private_redis() as redis_server:
        os.environ["REDIS_URL"] = redis_server.url
        async with running_cluster(webs=1, workers=2, database="onde_faults") as cluster:
            users = [make_user_id(f"lf-{i}") for i in range(args.line_members)]
            await add_consented_members(cluster.database_url, users)
            audience = await _audience(cluster.database_url)
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(keepalive_timeout=2)) as http:
                async with http.post(f"{cluster.emulator_url}/_emulator/config", json={
                        "faults": {"error_rate": args.error_rate, "timeout_rate": args.timeout_rate,
                                   "timeout_seconds": 11.0, "timeout_after_accept": True,
                                   "operations": ["multicast"], "seed": 5},
                        "rate_limits": {"multicast": args.multicast_limit}}) as r:
                    r.raise_for_status()
                broadcast_id, runtime = await _broadcast(cluster, members=args.line_members,
                                                         text="ประกาศทดสอบระหว่าง LINE ขัดข้องค่ะ")
                try:
                    started = time.monotonic()
                    status = await _wait_broadcast(broadcast_id, timeout=300)
                    elapsed = time.monotonic() - started
                    calls = await _multicasts(http, cluster.emulator_url)
                    from backend.models.broadcast import Broadcast
                    from backend.services.broadcasts import broadcast_progress

                    progress = await broadcast_progress(await Broadcast.get(id=broadcast_id))
                finally:
                    await runtime.close()
                    from backend.db import close_db

                    await close_db()
            statuses: dict[int, int] = {}
            for c in calls:
                statuses[c["status"]] = statuses.get(c["status"], 0) + 1
            print(f"  {len(audience):,} recipients; {len(calls)} multicast calls {dict(sorted(statuses.items()))} "
                  f"in {elapsed:.1f} s; progress sent {progress.sent:,} failed {progress.failed:,}")
            verdict.check("broadcast completed", status == "completed", f"status {status}")
            verdict.check("faults were really injected (500, 429 and 409 after lost answers)",
                          all(statuses.get(s) for s in (500, 429)), str(statuses))
            _delivery_checks(verdict, calls, audience)
    return verdict.ok


RUNS = {"redis": redis_restart, "worker": worker_killed, "line": line_faults}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="redis,worker,line", help="comma-separated: redis, worker, line")
    parser.add_argument("--redis-rate", type=float, default=40)
    parser.add_argument("--redis-seconds", type=float, default=30)
    parser.add_argument("--redis-users", type=int, default=300)
    parser.add_argument("--redis-down-at", type=float, default=10)
    parser.add_argument("--redis-down-for", type=float, default=5)
    parser.add_argument("--supervise", action="store_true",
                        help="redis run: restart worker processes that exit, as a process manager would")
    parser.add_argument("--kill-members", type=int, default=50_000)
    parser.add_argument("--line-members", type=int, default=20_000)
    parser.add_argument("--error-rate", type=float, default=0.15)
    parser.add_argument("--timeout-rate", type=float, default=0.05)
    parser.add_argument("--multicast-limit", type=float, default=20)
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> bool:
    results = {}
    for name in [n.strip() for n in args.only.split(",") if n.strip()]:
        results[name] = await RUNS[name](args)
    print("\nfaults: " + ", ".join(f"{n} {'PASS' if ok else 'FAIL'}" for n, ok in results.items()))
    return all(results.values())


def main(argv: list[str] | None = None) -> None:
    ok = asyncio.run(run(parse_args(argv)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
