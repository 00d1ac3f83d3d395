"""The broadcast sender (worker side).

One worker at a time holds a broadcast's lease (a Redis key renewed by a heartbeat); if it dies,
the lease runs out and the periodic sweep lets another worker take over. The audience is streamed
from the database in member-id order and planned into batch rows of up to 500 recipients, each with
an X-Line-Retry-Key fixed before its first attempt. Sending a batch again after a crash therefore
reuses the key, and LINE answers 409 (already accepted) instead of delivering twice. All processes
share one Redis token bucket at the configured multicast rate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, cast

from arq import cron
from redis.exceptions import RedisError
from tortoise.exceptions import IntegrityError

from backend.models import BatchStatus, Broadcast, BroadcastBatch, BroadcastStatus
from backend.ports import Delivery, Multicaster
from backend.ratelimit import TokenBucket
from backend.redis_conn import reply
from backend.runtime import Runtime
from backend.services.audience import AudienceFilter, count_audience, stream_recipients
from backend.services.broadcasts import (
    BroadcastConfig,
    allowed_send_time,
)
from backend.services.quiet_hours import in_quiet_hours
from backend.services.sql import Params, connection

log = logging.getLogger(__name__)


class RunOutcome(StrEnum):
    completed = "completed"
    cancelled = "cancelled"
    busy = "busy"  # another worker holds the lease
    not_due = "not_due"
    quiet_hours = "quiet_hours"
    paused = "paused"  # time budget used up or lease lost: continue in a new job
    missing = "missing"


@dataclass(slots=True)
class PlannedBatch:
    seq: int
    retry_key: str
    user_ids: list[str]


# -- the lease ------------------------------------------------------------------------------------

_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class Lease:
    """Exclusive right to send one broadcast, held while renewed."""

    def __init__(self, runtime: Runtime, broadcast_id: int, seconds: float) -> None:
        self.redis = runtime.redis
        self.key = lease_key(runtime, broadcast_id)
        self.token = uuid.uuid4().hex
        self.ms = max(100, int(seconds * 1000))

    async def acquire(self) -> bool:
        return bool(await self.redis.set(self.key, self.token, nx=True, px=self.ms))

    async def renew(self) -> bool:
        return bool(await reply(self.redis.eval(_RENEW, 1, self.key, self.token, str(self.ms))))

    async def release(self) -> None:
        await reply(self.redis.eval(_RELEASE, 1, self.key, self.token))


def lease_key(runtime: Runtime, broadcast_id: int) -> str:
    return f"{runtime.settings.redis_prefix}broadcast:{broadcast_id}:lease"


def multicast_bucket(runtime: Runtime, config: BroadcastConfig) -> TokenBucket:
    return TokenBucket(runtime.redis, f"{runtime.settings.redis_prefix}line:multicast:bucket",
                       rate=config.rate_per_second)


# -- one run --------------------------------------------------------------------------------------

class BroadcastRun:
    """Sends what is left of one broadcast until done, cancelled, paused or the lease is lost."""

    def __init__(self, runtime: Runtime, multicaster: Multicaster, config: BroadcastConfig,
                 broadcast_id: int) -> None:
        self.runtime = runtime
        self.multicaster = multicaster
        self.config = config
        self.broadcast_id = broadcast_id
        self.bucket = multicast_bucket(runtime, config)
        self.lease = Lease(runtime, broadcast_id, config.lease_seconds)
        self.stop = asyncio.Event()
        self.stop_reason = RunOutcome.paused
        self.messages: list[dict[str, Any]] = []
        self.failure: Exception | None = None  # the first error a sender met; the run raises it

    async def run(self) -> RunOutcome:
        if not await self.lease.acquire():
            return RunOutcome.busy
        release = True
        try:
            return await self._run_holding_lease()
        except asyncio.CancelledError:
            release = False  # like a crash: the lease runs out and another worker resumes
            raise
        finally:
            if release:
                await self.lease.release()

    async def _run_holding_lease(self) -> RunOutcome:
        broadcast = await Broadcast.get_or_none(id=self.broadcast_id)
        if broadcast is None:
            return RunOutcome.missing
        if broadcast.status in (BroadcastStatus.completed, BroadcastStatus.cancelled):
            return RunOutcome(str(broadcast.status))
        now = self.runtime.clock.utcnow()
        if broadcast.send_after > now:
            return RunOutcome.not_due
        if not broadcast.urgent and in_quiet_hours(now):
            await self._postpone(broadcast, now)
            return RunOutcome.quiet_hours
        audience = AudienceFilter.model_validate(broadcast.audience or {})
        if broadcast.status == BroadcastStatus.scheduled:
            total = await count_audience(audience)
            updated = await Broadcast.filter(id=broadcast.id, status=BroadcastStatus.scheduled).update(
                status=BroadcastStatus.sending, started_at=now, total_recipients=total
            )
            if not updated:
                return RunOutcome.cancelled
            await broadcast.refresh_from_db()
        self.messages = list(broadcast.messages)

        queue: asyncio.Queue[PlannedBatch | None] = asyncio.Queue(maxsize=self.config.senders * 4)
        watchdog = asyncio.create_task(self._watch(broadcast))
        senders = [asyncio.create_task(self._sender(queue)) for _ in range(self.config.senders)]
        try:
            planned_all = await self._plan(broadcast, audience, queue)
            for _ in senders:
                await queue.put(None)
            await asyncio.gather(*senders)
        finally:
            watchdog.cancel()
            for task in senders:
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(watchdog, *senders, return_exceptions=True)
        if self.failure is not None:
            raise self.failure
        return await self._finish(broadcast, planned_all)

    async def _postpone(self, broadcast: Broadcast, now: datetime) -> None:
        later = allowed_send_time(now, urgent=False)
        await Broadcast.filter(id=broadcast.id).update(send_after=later)
        await enqueue_run(self.runtime, broadcast.id, defer_until=later)

    async def _finish(self, broadcast: Broadcast, planned_all: bool) -> RunOutcome:
        await broadcast.refresh_from_db()
        if broadcast.status == BroadcastStatus.cancelled:
            await BroadcastBatch.filter(broadcast_id=broadcast.id, status=BatchStatus.pending).update(
                status=BatchStatus.cancelled
            )
            return RunOutcome.cancelled
        if self.stop.is_set() and self.stop_reason != RunOutcome.completed:
            if self.stop_reason == RunOutcome.quiet_hours:
                await self._postpone(broadcast, self.runtime.clock.utcnow())
            return self.stop_reason
        pending = await BroadcastBatch.filter(broadcast_id=broadcast.id, status=BatchStatus.pending).exists()
        if planned_all and not pending:
            await Broadcast.filter(id=broadcast.id, status=BroadcastStatus.sending).update(
                status=BroadcastStatus.completed, finished_at=self.runtime.clock.utcnow()
            )
            return RunOutcome.completed
        return RunOutcome.paused

    def _halt(self, reason: RunOutcome) -> None:
        if not self.stop.is_set():
            self.stop_reason = reason
            self.stop.set()

    async def _watch(self, broadcast: Broadcast) -> None:
        """Renew the lease, notice cancellation, quiet hours and the end of this job's time budget."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.config.max_run_seconds
        interval = min(1.0, self.config.lease_seconds / 3)
        while not self.stop.is_set():
            await asyncio.sleep(interval)
            try:
                renewed = await self.lease.renew()
            except (RedisError, OSError) as exc:  # Redis gone: the lease runs out, so stop sending under it
                log.warning("broadcast %s: lease not renewed (%s), stopping", broadcast.id, type(exc).__name__)
                self._halt(RunOutcome.paused)
                return
            if not renewed:
                log.warning("broadcast %s: lease lost, stopping", broadcast.id)
                self._halt(RunOutcome.paused)
            # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
            status = cast(list[str], await Broadcast.filter(id=broadcast.id).values_list("status", flat=True))
            if not status or status[0] == BroadcastStatus.cancelled:
                self._halt(RunOutcome.cancelled)
            elif not broadcast.urgent and in_quiet_hours(self.runtime.clock.utcnow()):
                self._halt(RunOutcome.quiet_hours)
            elif loop.time() > deadline:
                self._halt(RunOutcome.paused)

    # -- planning: pending batches first, then the rest of the audience -------------------------
    async def _plan(self, broadcast: Broadcast, audience: AudienceFilter, queue: asyncio.Queue[Any]) -> bool:
        """Feed the senders; returns True when the whole audience has been planned."""
        last = (
            await BroadcastBatch.filter(broadcast_id=broadcast.id)
            .order_by("-seq").limit(1).values_list("seq", "last_member_id")
        )
        last_seq, cursor = (int(last[0][0]), int(last[0][1])) if last else (0, 0)
        seq_cursor = 0
        while not self.stop.is_set():
            rows = (
                await BroadcastBatch.filter(
                    broadcast_id=broadcast.id, status=BatchStatus.pending, seq__gt=seq_cursor, seq__lte=last_seq
                ).order_by("seq").limit(100).values_list("seq", "retry_key", "user_ids")
            )
            if not rows:
                break
            for seq, key, user_ids in rows:
                if not await self._put(queue, PlannedBatch(int(seq), str(key), list(user_ids))):
                    return False
            seq_cursor = int(rows[-1][0])
        if broadcast.planning_done:
            return not self.stop.is_set()
        size = self.config.batch_size
        async for page in stream_recipients(audience, after_member_id=cursor,
                                            page_size=self.config.plan_page_size):
            if self.stop.is_set():
                return False
            rows_to_add: list[BroadcastBatch] = []
            for start in range(0, len(page), size):
                chunk = page[start:start + size]
                last_seq += 1
                rows_to_add.append(BroadcastBatch(
                    broadcast_id=broadcast.id, seq=last_seq, retry_key=str(uuid.uuid4()),
                    user_ids=[user_id for _, user_id in chunk], recipients=len(chunk),
                    last_member_id=chunk[-1][0],
                ))
            try:
                await BroadcastBatch.bulk_create(rows_to_add)
            except IntegrityError:  # another worker planned these already: it holds the broadcast now
                log.warning("broadcast %s: batches planned concurrently, stopping", broadcast.id)
                self._halt(RunOutcome.paused)
                return False
            for row in rows_to_add:
                if not await self._put(queue, PlannedBatch(row.seq, row.retry_key, row.user_ids)):
                    return False
        await Broadcast.filter(id=broadcast.id).update(planning_done=True)
        broadcast.planning_done = True
        return True

    async def _put(self, queue: asyncio.Queue[Any], item: PlannedBatch) -> bool:
        while not self.stop.is_set():
            try:
                await asyncio.wait_for(queue.put(item), timeout=0.5)
                return True
            except TimeoutError:
                continue
        return False

    # -- sending -------------------------------------------------------------------------------
    async def _sender(self, queue: asyncio.Queue[PlannedBatch | None]) -> None:
        """Sends queued batches; after a failure (Redis or the database lost) it stops the whole run and keeps
        taking batches off the queue unsent, so the planner is never left waiting on a full queue."""
        while True:
            item = await queue.get()
            if item is None:
                return
            if self.stop.is_set():
                continue
            try:
                await self._send_batch(item)
            except Exception as exc:  # the batch stays pending: a later run resends it under the same key
                self.failure = self.failure or exc
                self._halt(RunOutcome.paused)

    async def _send_batch(self, batch: PlannedBatch) -> None:
        attempts = 0
        while not self.stop.is_set():
            await self.bucket.acquire()
            if self.stop.is_set():
                return
            attempts += 1
            result = await self.multicaster.multicast_once(
                user_ids=batch.user_ids, messages=self.messages, retry_key=batch.retry_key
            )
            outcome = result.outcome
            if outcome in ("ok", "duplicate"):
                await self._record(batch, BatchStatus.sent, attempts, result)
                return
            if outcome == "rejected":
                await self._record(batch, BatchStatus.failed, attempts, result)
                return
            if attempts >= self.config.max_attempts:
                # Left pending: a later run retries it with the same key.
                log.warning("broadcast %s batch %s: %s after %d attempts", self.broadcast_id, batch.seq,
                            outcome, attempts)
                await BroadcastBatch.filter(broadcast_id=self.broadcast_id, seq=batch.seq).update(
                    attempts=attempts, outcome=str(outcome), last_http_status=result.status,
                )
                self._halt(RunOutcome.paused)
                return
            if outcome == "rate_limited":
                await self.bucket.drain()
                await asyncio.sleep(result.retry_after or 1.0)
            else:
                await asyncio.sleep(min(10.0, self.config.retry_base_seconds * 2 ** (attempts - 1)))

    async def _record(self, batch: PlannedBatch, status: BatchStatus, attempts: int, result: Delivery) -> None:
        """One raw UPDATE (this runs 2,000 times for a million recipients; the ORM's query building showed)."""
        conn = connection()
        p = Params()
        sql = (
            f"UPDATE broadcast_batch SET status = {p(str(status))}, attempts = {p(attempts)}, "
            f"outcome = {p(str(result.outcome)[:20])}, "
            f"last_http_status = {p(result.status)}, "
            f"request_id = {p(str(result.request_id or '')[:64])}, "
            f"error = {p(str(result.error or '')[:500])}, sent_at = {p(self.runtime.clock.utcnow())} "
            f"WHERE broadcast_id = {p(self.broadcast_id)} AND seq = {p(batch.seq)} "
            f"AND status = {p(str(BatchStatus.pending))}"
        )
        await conn.execute_query(sql, p.values)


# -- arq jobs -------------------------------------------------------------------------------------

def config_of(runtime: Runtime) -> BroadcastConfig:
    return runtime.broadcast_config or BroadcastConfig.from_settings(runtime.settings)


async def enqueue_run(runtime: Runtime, broadcast_id: int, *, defer_until: datetime | None = None) -> None:
    """Queue a run now or at `defer_until` (a moment of the runtime's clock, given to the queue as a delay)."""
    delay = max(timedelta(0), defer_until - runtime.clock.utcnow()) if defer_until else None
    await runtime.queue.enqueue_job(
        "run_broadcast", broadcast_id, _job_id=f"broadcast:{broadcast_id}:{uuid.uuid4().hex[:8]}",
        _defer_by=delay,
    )


async def run_broadcast(ctx: dict[str, Any], broadcast_id: int) -> str:
    """Send (the rest of) a broadcast; continues in a fresh job when its time budget is used up."""
    runtime: Runtime = ctx["runtime"]
    outcome = await BroadcastRun(runtime, runtime.multicaster, config_of(runtime), broadcast_id).run()
    if outcome == RunOutcome.paused:
        await enqueue_run(runtime, broadcast_id)
    log.info("broadcast %s: %s", broadcast_id, outcome)
    return str(outcome)


async def sweep_broadcasts(ctx: dict[str, Any]) -> int:
    """Start due broadcasts nobody is sending (scheduled ones, and those whose worker died)."""
    runtime: Runtime = ctx["runtime"]
    # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
    due = cast(list[int], await Broadcast.filter(
        status__in=[BroadcastStatus.scheduled, BroadcastStatus.sending], send_after__lte=runtime.clock.utcnow()
    ).values_list("id", flat=True))
    started = 0
    for broadcast_id in due:
        if not await runtime.redis.exists(lease_key(runtime, int(broadcast_id))):
            await enqueue_run(runtime, int(broadcast_id))
            started += 1
    return started


JOBS = [run_broadcast, sweep_broadcasts]
CRON_JOBS = [cron(sweep_broadcasts, second={5, 20, 35, 50}, run_at_startup=True)]
