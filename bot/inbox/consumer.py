"""The worker's inbox consumer: takes ready users and drains each in its own task, up to a set number at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from redis.exceptions import RedisError

from backend.redis_conn import reply
from backend.runtime import Runtime
from bot.inbox.claims import Claimed, claim_ready
from bot.inbox.drain import drain_user
from bot.inbox.enqueue import mark_ready
from bot.inbox.keys import SHUTDOWN_GRACE_SECONDS, EventHandler, ready_key

log = logging.getLogger(__name__)
LATE_WAKE_SHARE = 0.5  # a gather wait that ends this share of the window late pauses gathering ...
GATHER_PAUSE_SECONDS = 5.0  # ... for this long


async def consume_ready_inboxes(
    runtime: Runtime, handle: EventHandler, *, concurrency: int = 64, block_seconds: float = 1.0,
    gather_seconds: float = 0.0,
) -> None:
    """Drain users as they become ready, at most `concurrency` at once, until cancelled.

    While users are waiting, one round trip (`claim_ready`) takes as many of them as there are free drain
    slots, each with its lock taken and its first event read; only when the ready list is empty does the
    consumer block on it (BLPOP), and the user that wakes it up is claimed the same way.

    Micro-batching: when that user came less than `gather_seconds` after the ready list ran dry (events are
    streaming in), the consumer waits `gather_seconds` before claiming, so that the users whose events
    arrive meanwhile are claimed with it and handled together (their member lookups, conversation state,
    chat log and inbox steps then share round trips: bench/RESULTS.md has the CPU per event it saves). A
    user who writes after a quiet spell is claimed at once. When a wait ends late (LATE_WAKE_SHARE of the
    window), the process is short of CPU and a batch would wait for it as a whole: the consumer then claims
    users as they come for GATHER_PAUSE_SECONDS.

    Redis errors do not end it: it waits (0.2 s doubling to 5 s) and tries again. When cancelled it stops
    taking users and gives the drains under way up to SHUTDOWN_GRACE_SECONDS to finish.
    """
    drains: set[asyncio.Task[None]] = set()
    slot_freed = asyncio.Event()
    failures = 0
    woken_by: str | None = None  # a user BLPOP took off the ready list, claimed in the next round trip
    loop = asyncio.get_running_loop()
    gather_paused_until = 0.0
    dry_since: float | None = None  # when the ready list was last found empty, until a user is taken off it

    def finished(task: asyncio.Task[None]) -> None:
        drains.discard(task)
        slot_freed.set()

    async def drain(user_id: str, claimed: Claimed | None) -> None:
        try:
            await drain_user(runtime, user_id, handle, claimed=claimed)
        except Exception:
            log.exception("draining a LINE inbox failed; the sweep will pick it up again")

    try:
        while True:
            if len(drains) >= concurrency:
                slot_freed.clear()
                await slot_freed.wait()
                continue
            try:
                dry, claims = await claim_ready(runtime, concurrency - len(drains), woken_by)
                woken_by = None
                for user_id, claimed in claims:
                    task = asyncio.create_task(drain(user_id, claimed), name=f"drain-{user_id[-6:]}")
                    drains.add(task)
                    task.add_done_callback(finished)
                if not dry:  # more users may be waiting: claim again once a slot is free
                    failures = 0
                    continue
                if dry_since is None:
                    dry_since = loop.time()
                # Redis takes a fractional timeout (6.0 on); redis-py annotates it as int
                found = await reply(runtime.redis.blpop(
                    [ready_key(runtime)], timeout=block_seconds))  # type: ignore[arg-type]
            except (RedisError, OSError) as exc:
                failures += 1
                delay = min(5.0, 0.2 * 2 ** min(failures, 5))
                log.warning("ready list unavailable (%s); retrying in %.1f s", type(exc).__name__, delay)
                await asyncio.sleep(delay)
                continue
            failures = 0
            if found is not None:
                raw = found[1]
                woken_by = raw.decode() if isinstance(raw, bytes) else str(raw)
                streaming = dry_since is not None and loop.time() - dry_since < gather_seconds
                dry_since = None
                if streaming and loop.time() >= gather_paused_until:
                    asleep = loop.time()
                    await asyncio.sleep(gather_seconds)
                    if loop.time() - asleep > gather_seconds * (1 + LATE_WAKE_SHARE):
                        # woken late: the process is short of CPU, and batches would wait for it as a whole
                        gather_paused_until = loop.time() + GATHER_PAUSE_SECONDS
    finally:
        if woken_by is not None:  # taken off the ready list but not claimed: put it back
            with contextlib.suppress(RedisError, OSError):
                await mark_ready(runtime, [woken_by])
        if drains:
            _, late = await asyncio.wait(set(drains), timeout=SHUTDOWN_GRACE_SECONDS)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
