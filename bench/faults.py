"""Fault runs against the cluster, each with asserted outcomes printed PASS/FAIL.

    .venv/bin/python bench/faults.py [--only redis,redis-broadcast,worker,line]

- redis: Redis SIGKILLed during a webhook storm sent through the emulator (100 events/s for 30 s; Redis down
  from t=10 s for 5 s, then started again on its append-only file). The emulator plays LINE: it redelivers
  whatever the webhook did not answer 2xx (isRedelivery: true, same webhookEventId, backoff up to 30 s).
  Asserted: the webhook answers 503 with Retry-After while Redis is down and acknowledges nothing, /healthz
  reports degraded then ok without help, no process exits or is restarted (workers reconnect by themselves),
  every acknowledged event is answered and none twice.
- redis-broadcast: Redis SIGKILLed a third of the way through a broadcast to 40,000 members and started again
  5 s later: the broadcast resumes and completes by itself, every member gets it exactly once, no multicast
  batch is accepted twice, /healthz reports degraded during the outage.
- worker: a broadcast to 50,000 members starts on worker1 (worker2 is paused with SIGSTOP meanwhile); worker1
  gets SIGKILL a third of the way through and worker2 continues: worker2 resumes it (lease expiry + sweep), everyone gets it exactly once.
- line: LINE answers 15% 500s, 5% timeouts (call accepted, answer lost) and 429s (multicast limit 20/s)
  during a broadcast to 20,000 members: retries reuse their batch's X-Line-Retry-Key, every member gets the
  message exactly once, the broadcast completes.

Each runs on its own redis-server (a free port and data dir, AOF with appendfsync always as production must
run it; the machine's Redis is never touched) and a fresh database `onde_faults` on DATABASE_URL (default the
local PostgreSQL). Exit status 1 if anything FAILs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cluster import Cluster, running_cluster  # noqa: E402
from bench.local_redis import PrivateRedis, private_redis  # noqa: E402
from bench.storm_support import ReplyLedger, add_consented_members, emulator_users  # noqa: E402
from line_emulator import make_user_id  # noqa: E402

LOGS = ROOT / "bench" / "out" / "faults"  # the cluster's process logs
TEXTS = ("หาหลักสูตร AI", "หาหลักสูตรข้อมูล", "หลักสูตรของฉัน", "สวัสดีค่ะ")


class Verdicts:
    def __init__(self, name: str) -> None:
        self.name = name
        self.ok = True

    def check(self, label: str, ok: bool, detail: str = "") -> None:
        self.ok &= ok
        print(f"  {'PASS' if ok else 'FAIL'}  {label}{'  (' + detail + ')' if detail else ''}", flush=True)


# -- Redis crashes (SIGKILL, started again on the same append-only file) ----------------------------

class HealthWatch:
    """GET /healthz every 0.5 s until stopped; samples are (t since `started`, HTTP status, reported status)."""

    def __init__(self, http: aiohttp.ClientSession, url: str, started: float) -> None:
        self.http, self.url, self.started = http, url, started
        self.samples: list[tuple[float, int, str]] = []
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._poll())

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task

    async def _poll(self) -> None:
        while not self._stop.is_set():
            t = time.monotonic() - self.started
            try:
                async with self.http.get(self.url, timeout=aiohttp.ClientTimeout(total=5)) as r:
                    self.samples.append((t, r.status, (await r.json()).get("status", "?")))
            except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                self.samples.append((t, 0, type(exc).__name__))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), 0.5)

    def check(self, verdict: Verdicts, down_at: float, up_at: float) -> None:
        # samples asked for while Redis was surely down (its clients need a moment to see the dropped connections)
        during = [s for s in self.samples if down_at + 0.5 <= s[0] <= up_at - 0.1]
        first_bad = next((s[0] for s in self.samples if s[0] >= down_at - 0.5 and s[2] != "ok"), None)
        ok_again = next((s[0] for s in self.samples if first_bad is not None and s[0] > first_bad and s[2] == "ok"),
                        None)
        span = (f"; degraded {ok_again - first_bad:.1f} s (t={first_bad:.1f}..{ok_again:.1f} s) for "
                f"{up_at - down_at:.1f} s of Redis down" if first_bad is not None and ok_again is not None else "")
        verdict.check("/healthz degraded (503) while Redis is down",
                      bool(during) and all(s[1] == 503 and s[2] == "degraded" for s in during),
                      f"{len(during)} polls: {sorted({(s[1], s[2]) for s in during})}{span}")
        ok_after = next((s[0] for s in self.samples if s[0] > up_at and s[1] == 200 and s[2] == "ok"), None)
        verdict.check("/healthz ok again by itself", ok_after is not None,
                      f"ok {ok_after - up_at:.1f} s after Redis answered again" if ok_after is not None else "never ok")


async def _crash_redis(redis_server: PrivateRedis, seconds: float, started: float) -> tuple[float, float]:
    """SIGKILL Redis, wait, start it again on its data dir; returns (down, up) in seconds since `started`."""
    down = time.monotonic() - started
    await asyncio.to_thread(redis_server.crash)
    await asyncio.sleep(seconds)
    await asyncio.to_thread(redis_server.start)  # returns once it answers PING (append-only file replayed)
    return down, time.monotonic() - started


def _reconnects(cluster: Cluster) -> dict[str, int]:
    """How often each worker logged losing a dependency (it then closes, backs off and reconnects)."""
    counts = {}
    for name in cluster.processes:
        if name.startswith("worker"):
            log = cluster.log_dir / f"{name}.log"
            text = log.read_text(errors="replace") if log.exists() else ""
            counts[name] = text.count("worker lost a dependency")
    return counts


def _processes_check(verdict: Verdicts, cluster: Cluster, restarts: list[str], supervised: bool) -> None:
    alive = {name: proc.poll() is None for name, proc in cluster.processes.items()}
    verdict.check("every process still running, no worker restarted by this script"
                  + (" (--supervise was on)" if supervised else ""),
                  all(alive.values()) and not restarts,
                  f"{alive}; restarts {restarts}; worker reconnects after losing Redis {_reconnects(cluster)}")


async def redis_storm(args: argparse.Namespace) -> bool:
    verdict = Verdicts("redis")
    print(f"\nfault: Redis SIGKILLed during a webhook storm ({args.redis_rate:g} events/s for {args.redis_seconds:g} s"
          f", down from t={args.redis_down_at:g} s for {args.redis_down_for:g} s; AOF appendfsync always)", flush=True)
    with private_redis() as redis_server:
        os.environ["REDIS_URL"] = redis_server.url
        async with running_cluster(webs=2, workers=2, database="onde_faults", log_dir=LOGS,
                                   emulator_args=["--reply-token-ttl", "3600"]) as cluster:
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=300, keepalive_timeout=2)) as http:
                await _redis_storm(args, cluster, redis_server, http, verdict)
    return verdict.ok


async def _redis_storm(args: argparse.Namespace, cluster: Cluster, redis_server: PrivateRedis,
                       http: aiohttp.ClientSession, verdict: Verdicts) -> None:
    emu = cluster.emulator_url
    # LINE redelivers what the webhook did not answer 2xx (isRedelivery: true, same webhookEventId)
    async with http.post(f"{emu}/_emulator/config",
                         json={"webhook_retry_delays_seconds": [1, 2, 4, 8, 16, 30, 30, 30]}) as r:
        r.raise_for_status()
    users = [make_user_id(f"fault-{i}") for i in range(args.redis_users)]
    await add_consented_members(cluster.database_url, users)
    await emulator_users(http, emu, users)
    ledger = ReplyLedger()
    await ledger.refresh(http, emu)

    sent: list[dict[str, Any]] = []
    first_status: dict[str, int] = {}
    started = time.monotonic()
    wall0 = time.time() - (time.monotonic() - started)
    health = HealthWatch(http, f"{cluster.web_url}/healthz", started)

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
        body["user"] = user
        sent.append(body)
        first = body["attempts"][0]
        status = str(first["status"] or (first["error"] or "?").split(":")[0])
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

    stale_locks: list[int] = []

    async def outage() -> tuple[float, float]:
        await asyncio.sleep(args.redis_down_at)
        down_up = await _crash_redis(redis_server, args.redis_down_for, started)
        # right after the restart no drain can be running (workers reconnect after >= 2 s): every user lock
        # found now was taken by a drain the crash cut off, and holds that user's inbox until it expires
        stale_locks.extend(await asyncio.to_thread(_lock_ttls, redis_server.url))
        return down_up

    restarts: list[str] = []

    async def supervise() -> None:
        """--supervise: restart a worker process that exited, as a process manager (systemd, Heroku) does."""
        while True:
            await asyncio.sleep(1.0)
            for name, proc in list(cluster.processes.items()):
                if name.startswith("worker") and proc.poll() is not None:
                    restarts.append(name)
                    cluster.start_worker(name)

    health.start()
    supervisor = asyncio.create_task(supervise()) if args.supervise else None
    (down_at, up_at), _ = await asyncio.gather(outage(), storm())
    tokens = {s["replyToken"] for s in sent if s.get("replyToken")}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        await ledger.refresh(http, emu)
        if all(t in ledger.accepted for t in tokens):
            break
        await asyncio.sleep(1)
    await ledger.refresh(http, emu)
    await health.stop()
    if supervisor is not None:
        supervisor.cancel()
    async with http.get(f"{emu}/_emulator/webhook/attempts") as r:
        attempts = (await r.json())["attempts"]

    acked: set[str] = set()
    unacked = redeliveries = 0
    for a in attempts:
        redeliveries += bool(a["redelivery"])
        if a["acknowledged"]:
            acked.update(a["webhook_event_ids"])
        else:
            unacked += 1
    down_wall, up_wall = wall0 + down_at, wall0 + up_at
    in_outage = [a for a in attempts if down_wall + 0.3 <= a["time"] and a["time"] + (a["elapsed_ms"] or 0) / 1000
                 <= up_wall - 0.1]
    outage_answers: dict[str, int] = {}
    for a in in_outage:
        label = f"{a['status']}{' Retry-After ' + a['retry_after'] if a['retry_after'] else ''}" if a["status"] \
            else str(a["error"])
        outage_answers[label] = outage_answers.get(label, 0) + 1

    # an event is answered by its reply, or by a push to its user when the reply token was too old (> 50 s)
    pushes_left = {user: sorted(times) for user, times in ledger.pushes.items()}
    answered_at: dict[str, float] = {}
    by_push = 0
    for s in sorted(sent, key=lambda s: s["t"]):
        token = s.get("replyToken")
        if not token:
            continue
        if token in ledger.accepted:
            answered_at[token] = min(ledger.accepted[token])
        else:
            later = [t for t in pushes_left.get(s["user"], []) if t >= wall0 + s["t"]]
            if later:
                pushes_left[s["user"]].remove(later[0])
                answered_at[token] = later[0]
                by_push += 1
    ids = {s["webhookEventId"] for s in sent}
    sent_at = {s["replyToken"]: s["t"] for s in sent if s.get("replyToken")}
    lost = [t for t in tokens if t not in answered_at]
    twice = [t for t in tokens if len(ledger.accepted.get(t, [])) > 1 or ledger.rejected.get(t)]
    lost_times = sorted(sent_at[t] for t in lost)
    acked_before_crash = sum(1 for s in sent if s["t"] <= down_at and s["attempts"][0]["status"] == 200)
    first_reply_after = min((t for t in answered_at.values() if t > up_wall), default=None)
    backlog = [answered_at[t] for t in tokens if sent_at[t] <= up_at and t in answered_at]
    backlog_done = max(backlog) - up_wall if backlog and not lost else None
    print(f"  {os.cpu_count()} CPUs; sent {len(sent)} events; first answers {first_status}; {unacked} webhook POSTs "
          f"answered non-2xx, {redeliveries} redeliveries by the emulator; Redis down {down_at:.1f}-{up_at:.1f} s "
          f"({up_at - down_at:.1f} s); {acked_before_crash} events acknowledged before the crash")
    slow = sum(1 for t in tokens if t in answered_at and answered_at[t] - (wall0 + sent_at[t]) > 10)
    print(f"  recovery: first answer {_secs(first_reply_after, up_wall)} after Redis came back; every event sent "
          f"before then answered {_secs(backlog_done)} after it came back; {slow} events answered more than 10 s "
          f"after they were sent, {by_push} by push (reply token too old); {len(stale_locks)} user inbox locks "
          f"left by drains the crash cut off"
          + (f" (expiring {min(stale_locks) / 1000:.0f}-{max(stale_locks) / 1000:.0f} s after the restart)"
             if stale_locks else ""), flush=True)
    health.check(verdict, down_at, up_at)
    verdict.check("webhook answered 503 with Retry-After while Redis was down, acknowledged nothing",
                  bool(in_outage) and all(a["status"] == 503 and a["retry_after"] for a in in_outage),
                  f"{len(in_outage)} POSTs: {outage_answers}")
    _processes_check(verdict, cluster, restarts, args.supervise)
    verdict.check("every event acknowledged (after redeliveries)", ids <= acked, f"{len(ids - acked)} never acked")
    verdict.check("no acknowledged event lost (each answered)", not lost,
                  f"{len(lost)} without an answer" + (f", sent at t={lost_times[0]:.1f}..{lost_times[-1]:.1f} s"
                                                      if lost_times else ""))
    verdict.check("none handled twice", not twice, f"{len(twice)} answered twice")
    verdict.check("events after the restart answered",
                  all(t in answered_at for t in tokens if sent_at[t] > up_at + 2))


def _lock_ttls(url: str) -> list[int]:
    """Milliseconds left on each user's inbox lock (bot.inbox: `line:lock:<user>`)."""
    import redis as redis_sync

    client = redis_sync.Redis.from_url(url)
    try:
        return [int(client.pttl(key)) for key in client.scan_iter(match="*line:lock:*", count=1000)]
    finally:
        client.close()


def _secs(at: float | None, since: float = 0.0) -> str:
    return f"{at - since:.1f} s" if at is not None else "never"


async def redis_broadcast(args: argparse.Namespace) -> bool:
    verdict = Verdicts("redis-broadcast")
    members = args.redis_broadcast_members
    print(f"\nfault: Redis SIGKILLed during a broadcast to {members:,} members (multicast "
          f"{args.redis_broadcast_rate:g}/s, Redis down {args.redis_down_for:g} s from a third of the way through; "
          f"AOF appendfsync always)", flush=True)
    saved_rate = os.environ.get("LINE_MULTICAST_RATE")
    os.environ["LINE_MULTICAST_RATE"] = str(args.redis_broadcast_rate)  # the cluster's pace (shared token bucket)
    try:
        with private_redis() as redis_server:
            os.environ["REDIS_URL"] = redis_server.url
            async with running_cluster(webs=1, workers=2, database="onde_faults", log_dir=LOGS) as cluster:
                await _redis_broadcast(args, cluster, redis_server, verdict)
    finally:
        if saved_rate is None:
            os.environ.pop("LINE_MULTICAST_RATE", None)
        else:
            os.environ["LINE_MULTICAST_RATE"] = saved_rate
    return verdict.ok


async def _redis_broadcast(args: argparse.Namespace, cluster: Cluster, redis_server: PrivateRedis,
                           verdict: Verdicts) -> None:
    users = [make_user_id(f"rb-{i}") for i in range(args.redis_broadcast_members)]
    await add_consented_members(cluster.database_url, users)
    audience = await _audience(cluster.database_url)
    batches = (len(audience) + 499) // 500
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(keepalive_timeout=2)) as http:
        # LINE takes 0.2 s per multicast: some are in flight when Redis dies
        async with http.post(f"{cluster.emulator_url}/_emulator/config", json={
                "faults": {"delay_seconds": 0.2, "operations": ["multicast"]}}) as r:
            r.raise_for_status()
        started = time.monotonic()
        wall0 = time.time() - (time.monotonic() - started)
        health = HealthWatch(http, f"{cluster.web_url}/healthz", started)
        health.start()
        try:
            async with _broadcast(cluster, members=len(audience),
                                  text="ประกาศทดสอบระหว่าง Redis ขัดข้องค่ะ") as broadcast_id:
                before_crash = await _until_a_third_sent(http, cluster.emulator_url, batches, started)
                down_at, up_at = await _crash_redis(redis_server, args.redis_down_for, started)
                status, calls, progress = await _outcome(http, cluster.emulator_url, broadcast_id, 300)
                finished_at = time.monotonic() - started
        finally:
            await health.stop()
    down_wall, up_wall = wall0 + down_at, wall0 + up_at
    during = [c for c in calls if down_wall <= c["time"] <= up_wall]
    after = [c for c in calls if c["time"] > up_wall]
    resumed = min(c["time"] for c in after) - up_wall if after else None
    statuses: dict[int, int] = {}
    for c in calls:
        statuses[c["status"]] = statuses.get(c["status"], 0) + 1
    print(f"  {os.cpu_count()} CPUs; {len(audience):,} recipients, {batches} batches; Redis killed at t={down_at:.1f} s "
          f"after {before_crash} multicast calls, {len(during)} more made while it was down, back at "
          f"t={up_at:.1f} s ({up_at - down_at:.1f} s)")
    print(f"  recovery: sending resumed {_secs(resumed)} after Redis came back; broadcast {status} at "
          f"t={finished_at:.1f} s; {len(calls)} multicast calls {dict(sorted(statuses.items()))}; "
          f"progress sent {progress.sent:,} failed {progress.failed:,}", flush=True)
    health.check(verdict, down_at, up_at)
    verdict.check("broadcast completed by itself", status == "completed" and bool(after),
                  f"status {status}, {len(after)} calls after Redis came back")
    _processes_check(verdict, cluster, [], False)
    _delivery_checks(verdict, calls, audience)


# -- broadcasts: worker killed, LINE faults ------------------------------------------------------

@contextlib.asynccontextmanager
async def _broadcast(cluster: Cluster, *, members: int, text: str) -> AsyncIterator[int]:
    """Create an urgent broadcast to every member as the admin API does, queue its run and yield its id;
    the database stays open meanwhile (for _outcome)."""
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
    try:
        broadcast = await create_broadcast(
            BroadcastCreate(title="fault run", audience=AudienceFilter(), urgent=True,
                            messages=[{"type": "text", "text": text}]), actor="bench",
            now=runtime.clock.utcnow())
        await enqueue_run(runtime, broadcast.id)
        yield broadcast.id
    finally:
        with contextlib.suppress(Exception):
            await runtime.close()  # the ORM too


async def _until_a_third_sent(http: aiohttp.ClientSession, emulator_url: str, batches: int,
                              started: float) -> int:
    """Wait (up to 120 s) until a third of the batches went out; returns how many multicasts were made."""
    while len(await _multicasts(http, emulator_url)) < batches // 3:
        if time.monotonic() - started > 120:
            break
        await asyncio.sleep(0.2)
    return len(await _multicasts(http, emulator_url))


async def _outcome(http: aiohttp.ClientSession, emulator_url: str, broadcast_id: int,
                   timeout: float) -> tuple[str, list[dict[str, Any]], Any]:
    """The broadcast's final status (waiting up to timeout), every multicast the emulator saw, its progress."""
    from backend.models.broadcast import Broadcast
    from backend.services.broadcasts import broadcast_progress

    status = await _wait_broadcast(broadcast_id, timeout=timeout)
    calls = await _multicasts(http, emulator_url)
    return status, calls, await broadcast_progress(await Broadcast.get(id=broadcast_id))


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
        async with running_cluster(webs=1, workers=2, database="onde_faults", log_dir=LOGS) as cluster:
            standby = cluster.processes["worker2"]
            standby.send_signal(signal.SIGSTOP)  # idle until worker1 dies, so worker1 takes the broadcast
            users = [make_user_id(f"bc-{i}") for i in range(args.kill_members)]
            await add_consented_members(cluster.database_url, users)
            audience = await _audience(cluster.database_url)
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(keepalive_timeout=2)) as http:
                async with http.post(f"{cluster.emulator_url}/_emulator/config", json={
                        "faults": {"delay_seconds": 0.5, "operations": ["multicast"]}}) as r:
                    r.raise_for_status()
                async with _broadcast(cluster, members=args.kill_members,
                                      text="ประกาศทดสอบ ขออภัยในความไม่สะดวกค่ะ") as broadcast_id:
                    batches = (len(audience) + 499) // 500
                    before_kill = await _until_a_third_sent(http, cluster.emulator_url, batches, time.monotonic())
                    cluster.kill("worker1")
                    killed_at = time.time()
                    standby.send_signal(signal.SIGCONT)
                    status, calls, _ = await _outcome(http, cluster.emulator_url, broadcast_id, 180)
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
        async with running_cluster(webs=1, workers=2, database="onde_faults", log_dir=LOGS) as cluster:
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
                async with _broadcast(cluster, members=args.line_members,
                                      text="ประกาศทดสอบระหว่าง LINE ขัดข้องค่ะ") as broadcast_id:
                    started = time.monotonic()
                    status, calls, progress = await _outcome(http, cluster.emulator_url, broadcast_id, 300)
                    elapsed = time.monotonic() - started
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


RUNS = {"redis": redis_storm, "redis-broadcast": redis_broadcast, "worker": worker_killed, "line": line_faults}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(RUNS), help="comma-separated: " + ", ".join(RUNS))
    parser.add_argument("--redis-rate", type=float, default=100)
    parser.add_argument("--redis-seconds", type=float, default=30)
    parser.add_argument("--redis-users", type=int, default=300)
    parser.add_argument("--redis-down-at", type=float, default=10)
    parser.add_argument("--redis-down-for", type=float, default=5)
    parser.add_argument("--supervise", action="store_true",
                        help="redis run: restart worker processes that exit, as a process manager would "
                             "(reported, and a FAIL: workers must recover by themselves)")
    parser.add_argument("--redis-broadcast-members", type=int, default=40_000)
    parser.add_argument("--redis-broadcast-rate", type=float, default=8,
                        help="redis-broadcast: multicast calls/s (LINE_MULTICAST_RATE), so the crash lands mid-way")
    parser.add_argument("--kill-members", type=int, default=50_000)
    parser.add_argument("--line-members", type=int, default=20_000)
    parser.add_argument("--error-rate", type=float, default=0.15)
    parser.add_argument("--timeout-rate", type=float, default=0.05)
    parser.add_argument("--multicast-limit", type=float, default=20)
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> bool:
    print(f"faults on {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
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
