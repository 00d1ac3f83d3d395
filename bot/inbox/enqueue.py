"""The request path's side: queue events in their users' inboxes (one round trip), forget a user, and find
inboxes a crash left behind (the sweep)."""

from __future__ import annotations

import json
from typing import Any

import orjson

from backend.redis_conn import reply
from backend.runtime import Runtime
from bot.inbox.keys import (
    RATE_LIMIT_EVENTS,
    RATE_LIMITED_KINDS,
    RATE_WINDOW_SECONDS,
    SEEN_TTL_SECONDS,
    _prefix,
    _script,
    event_id,
    event_user,
    inbox_key,
    ready_key,
)

# One round trip for a whole webhook body: claim each webhookEventId (SET NX), count the user's events in the
# rate window, append new events to their user's inbox, and put each user whose inbox was empty before on
# the ready list: a non-empty inbox already has a drain due or running, which looks again before it stops,
# and the sweep cron catches an inbox left behind by a crashed worker.
_ENQUEUE = """
local n = tonumber(ARGV[1])
local seen_ttl, rate_ttl, limit, ready = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local fresh = 0
local pushed = {}
local order = {}
for i = 0, n - 1 do
  local b = 6 + i * 5
  if redis.call('SET', ARGV[b], '1', 'NX', 'EX', seen_ttl) then
    local over = false
    if ARGV[b + 1] ~= '' then
      local count = redis.call('INCR', ARGV[b + 1])
      redis.call('EXPIRE', ARGV[b + 1], rate_ttl)
      over = count > limit
    end
    local flag = '0'
    if over then flag = '1' end
    local length = redis.call('RPUSH', ARGV[b + 2], flag .. ARGV[b + 3])
    local user = ARGV[b + 4]
    local seen = pushed[user]
    if seen == nil then
      seen = {0, 0}
      pushed[user] = seen
      order[#order + 1] = user
    end
    seen[1] = seen[1] + 1
    seen[2] = length
    fresh = fresh + 1
  end
end
for _, user in ipairs(order) do
  local seen = pushed[user]
  if seen[2] == seen[1] then redis.call('RPUSH', ready, user) end
end
return fresh
"""


async def enqueue_events(runtime: Runtime, events: list[dict[str, Any]]) -> int:
    """Queue the events not seen before; returns how many were queued."""
    prefix = _prefix(runtime)
    now = runtime.clock.timestamp()
    window = int(now) // RATE_WINDOW_SECONDS
    argv: list[Any] = [len(events), SEEN_TTL_SECONDS, RATE_WINDOW_SECONDS * 2, RATE_LIMIT_EVENTS, ready_key(runtime)]
    for event in events:
        user = event_user(event)
        rate_key = f"{prefix}rate:{user}:{window}" if event.get("type") in RATE_LIMITED_KINDS else ""
        ident = event_id(event)
        argv += [
            f"{prefix}seen:{ident}", rate_key, inbox_key(runtime, user),
            _encode({"id": ident, "event": event, "received_at": now}),
            user,
        ]
    return int(await _script(runtime.redis, _ENQUEUE)(args=argv))


def _encode(item: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(item)
    except TypeError:  # an integer beyond 64 bits in a hostile body: the standard encoder takes it
        return json.dumps(item, ensure_ascii=False).encode()


async def forget_user(runtime: Runtime, user_id: str) -> int:
    """Remove one user's queued events, drain lock, rate counters and ready-list entries (erasure)."""
    redis = runtime.redis
    prefix = _prefix(runtime)
    keys = [inbox_key(runtime, user_id), f"{prefix}lock:{user_id}", f"{prefix}slowdown:{user_id}"]
    keys += [key async for key in redis.scan_iter(match=f"{prefix}rate:{user_id}:*", count=500)]
    removed = int(await redis.delete(*keys))
    return removed + int(await reply(redis.lrem(ready_key(runtime), 0, user_id)))


async def mark_ready(runtime: Runtime, users: list[str]) -> None:
    """Put users back on the ready list (the sweep, after a crash)."""
    if users:
        await reply(runtime.redis.rpush(ready_key(runtime), *users))


async def pending_inboxes(runtime: Runtime) -> list[str]:
    """Users with queued events, no drain running and not on the ready list (after a crash): for the sweep."""
    redis = runtime.redis
    prefix = _prefix(runtime)
    waiting = {u.decode() if isinstance(u, bytes) else u for u in await reply(redis.lrange(ready_key(runtime), 0, -1))}
    candidates = []
    async for key in redis.scan_iter(match=f"{prefix}inbox:*", count=500):
        user = (key.decode() if isinstance(key, bytes) else key)[len(f"{prefix}inbox:"):]
        if user not in waiting:
            candidates.append(user)
    users: list[str] = []
    for start in range(0, len(candidates), 500):  # the locks of a batch in one round trip
        batch = candidates[start:start + 500]
        locks = await redis.mget([f"{prefix}lock:{user}" for user in batch])
        users.extend(user for user, lock in zip(batch, locks, strict=True) if lock is None)
    return users
