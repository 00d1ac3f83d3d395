"""Per-user inboxes in Redis: the webhook appends, a drain job handles one user's events in order.

- `enqueue_events` (request path): SET NX on each webhookEventId (48 h) drops duplicates, RPUSH the
  new events to their user's inbox, count them for the per-user rate limit, queue a drain job per user.
- `drain_user` (worker): take the user's lock (SET NX PX, refreshed per event), handle events oldest
  first, mark each webhookEventId handled before removing it, release the lock, and look again
  (an event that arrived while the lock was held is never stranded). A crashed worker's lock expires
  and the sweep cron picks the inbox up again: at least once, and never twice thanks to the marks.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)

SEEN_TTL_SECONDS = 48 * 3600
HANDLED_TTL_SECONDS = 48 * 3600
LOCK_TTL_MS = 60_000
RATE_WINDOW_SECONDS = 10
RATE_LIMIT_EVENTS = 12
DRAIN_JOB = "drain_line_user"
RATE_LIMITED_KINDS = ("message", "postback")

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end
"""


def _prefix(runtime: Any) -> str:
    return f"{runtime.settings.redis_prefix}line:"


def inbox_key(runtime: Any, user_id: str) -> str:
    return f"{_prefix(runtime)}inbox:{user_id}"


def event_id(event: dict[str, Any]) -> str:
    found = event.get("webhookEventId")
    if isinstance(found, str) and found:
        return found
    digest = hashlib.sha256(json.dumps(event, sort_keys=True).encode()).hexdigest()[:26]
    return f"anon-{digest}"


def event_user(event: dict[str, Any]) -> str:
    source = event.get("source") or {}
    return str(source.get("userId") or source.get("groupId") or source.get("roomId") or "_unknown")


async def enqueue_events(runtime: Any, events: list[dict[str, Any]]) -> int:
    """Queue the events not seen before; returns how many were queued."""
    redis = runtime.redis
    prefix = _prefix(runtime)
    now = time.time()
    window = int(now) // RATE_WINDOW_SECONDS
    # One round trip: claim each webhookEventId, and count the user's events in this rate window.
    async with redis.pipeline(transaction=False) as pipe:
        for event in events:
            pipe.set(f"{prefix}seen:{event_id(event)}", b"1", nx=True, ex=SEEN_TTL_SECONDS)
            if event.get("type") in RATE_LIMITED_KINDS:
                key = f"{prefix}rate:{event_user(event)}:{window}"
                pipe.incr(key)
                pipe.expire(key, RATE_WINDOW_SECONDS * 2)
        results = iter(await pipe.execute())
    fresh: list[dict[str, Any]] = []
    over_limit: list[bool] = []
    for event in events:
        claimed = next(results)
        count = 0
        if event.get("type") in RATE_LIMITED_KINDS:
            count = int(next(results))
            next(results)
        if claimed:
            fresh.append(event)
            over_limit.append(count > RATE_LIMIT_EVENTS)
    if not fresh:
        return 0
    users: dict[str, None] = {}
    try:
        async with redis.pipeline(transaction=False) as pipe:
            for i, event in enumerate(fresh):
                user = event_user(event)
                users[user] = None
                item = {"event": event, "received_at": now, "over_limit": over_limit[i]}
                pipe.rpush(inbox_key(runtime, user), json.dumps(item, ensure_ascii=False))
            await pipe.execute()
        for user in users:
            await runtime.queue.enqueue_job(DRAIN_JOB, user)
    except Exception:
        # Let LINE redeliver: forget that we saw these events.
        await redis.delete(*[f"{prefix}seen:{event_id(e)}" for e in fresh])
        raise
    return len(fresh)


EventHandler = Callable[[dict[str, Any], float, bool], Awaitable[None]]


async def drain_user(runtime: Any, user_id: str, handle: EventHandler) -> int:
    """Handle the user's queued events in order; returns how many were handled here."""
    redis = runtime.redis
    prefix = _prefix(runtime)
    lock = f"{prefix}lock:{user_id}"
    inbox = inbox_key(runtime, user_id)
    handled = 0
    while True:
        token = uuid.uuid4().hex
        if not await redis.set(lock, token, nx=True, px=LOCK_TTL_MS):
            return handled  # another job is draining this user; it will see our events
        try:
            while True:
                raw = await redis.lindex(inbox, 0)
                if raw is None:
                    break
                item = json.loads(raw)
                event = item["event"]
                done_key = f"{prefix}handled:{event_id(event)}"
                if not await redis.exists(done_key):
                    try:
                        await handle(event, float(item.get("received_at") or time.time()), bool(item.get("over_limit")))
                    except Exception:
                        log.exception("LINE event %s (%s) failed", event_id(event), event.get("type"))
                    await redis.set(done_key, b"1", ex=HANDLED_TTL_SECONDS)
                    handled += 1
                await redis.lpop(inbox)
                await redis.pexpire(lock, LOCK_TTL_MS)
        finally:
            await redis.eval(_RELEASE, 1, lock, token)
        if not await redis.llen(inbox):
            return handled


async def pending_inboxes(runtime: Any) -> list[str]:
    """Users with queued events and no drain running (after a crash): for the sweep cron."""
    prefix = f"{_prefix(runtime)}inbox:"
    users = []
    async for key in runtime.redis.scan_iter(match=f"{prefix}*", count=500):
        name = key.decode() if isinstance(key, bytes) else key
        user = name[len(prefix):]
        if not await runtime.redis.exists(f"{_prefix(runtime)}lock:{user}"):
            users.append(user)
    return users
