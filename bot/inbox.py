"""Per-user inboxes in Redis: the webhook appends, a drain job handles one user's events in order.

- `enqueue_events` (request path, one Redis round trip): SET NX on each webhookEventId (48 h) drops
  duplicates, RPUSH the new events to their user's inbox, count them for the per-user rate limit, and
  queue a drain job for each user whose inbox was empty (otherwise one is already queued or running).
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

from arq.constants import expires_extra_ms, job_key_prefix
from arq.jobs import serialize_job

from backend.runtime import queue_name

log = logging.getLogger(__name__)

SEEN_TTL_SECONDS = 48 * 3600
HANDLED_TTL_SECONDS = 48 * 3600
LOCK_TTL_MS = 60_000
RATE_WINDOW_SECONDS = 10
RATE_LIMIT_EVENTS = 12
DRAIN_JOB = "drain_line_user"
JOB_TTL_MS = expires_extra_ms
RATE_LIMITED_KINDS = ("message", "postback")


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


# One round trip for a whole webhook body: claim each webhookEventId (SET NX), count the user's events in the
# rate window, append new events to their user's inbox, and queue a drain job (arq's own job layout) for
# each user whose inbox was empty before: a non-empty inbox already has a drain queued or running, which
# looks again before it stops, and the sweep cron catches an inbox left behind by a crashed worker.
_ENQUEUE = """
local n = tonumber(ARGV[1])
local now_ms, seen_ttl, rate_ttl = ARGV[2], ARGV[3], ARGV[4]
local limit, queue, job_ttl_ms = tonumber(ARGV[5]), ARGV[6], ARGV[7]
local fresh = 0
local pushed = {}
for i = 0, n - 1 do
  local b = 8 + i * 6
  if redis.call('SET', ARGV[b], '1', 'NX', 'EX', seen_ttl) then
    local over = false
    if ARGV[b + 1] ~= '' then
      local count = redis.call('INCR', ARGV[b + 1])
      redis.call('EXPIRE', ARGV[b + 1], rate_ttl)
      over = count > limit
    end
    local item = ARGV[b + 3]
    if over then item = ARGV[b + 4] end
    local length = redis.call('RPUSH', ARGV[b + 2], item)
    local user = ARGV[b + 5]
    local seen = pushed[user] or {0, 0}
    seen[1] = seen[1] + 1
    seen[2] = length
    pushed[user] = seen
    fresh = fresh + 1
  end
end
local jobs = 8 + n * 6
for user, seen in pairs(pushed) do
  if seen[2] == seen[1] then
    local k = jobs + tonumber(user) * 3
    redis.call('SET', ARGV[k], ARGV[k + 2], 'PX', job_ttl_ms)
    redis.call('ZADD', queue, now_ms, ARGV[k + 1])
  end
end
return fresh
"""


async def enqueue_events(runtime: Any, events: list[dict[str, Any]]) -> int:
    """Queue the events not seen before; returns how many were queued."""
    prefix = _prefix(runtime)
    now = time.time()
    now_ms = int(now * 1000)
    window = int(now) // RATE_WINDOW_SECONDS
    users: dict[str, int] = {}
    argv: list[Any] = [len(events), now_ms, SEEN_TTL_SECONDS, RATE_WINDOW_SECONDS * 2, RATE_LIMIT_EVENTS,
                       queue_name(runtime.settings), JOB_TTL_MS]
    for event in events:
        user = event_user(event)
        index = users.setdefault(user, len(users))
        rate_key = f"{prefix}rate:{user}:{window}" if event.get("type") in RATE_LIMITED_KINDS else ""
        ident = event_id(event)
        argv += [
            f"{prefix}seen:{ident}", rate_key, inbox_key(runtime, user),
            json.dumps({"id": ident, "event": event, "received_at": now, "over_limit": False}, ensure_ascii=False),
            json.dumps({"id": ident, "event": event, "received_at": now, "over_limit": True}, ensure_ascii=False),
            index,
        ]
    for user in users:
        job_id = uuid.uuid4().hex
        argv += [job_key_prefix + job_id, job_id, serialize_job(DRAIN_JOB, (user,), {}, None, now_ms)]
    script = runtime.redis.register_script(_ENQUEUE)  # EVALSHA; loads the script on first use
    return int(await script(args=argv))


EventHandler = Callable[[dict[str, Any], float, bool], Awaitable[None]]

# One round trip per event while draining. KEYS: lock, inbox, done key of the event just handled ('' for none).
# ARGV: lock token, lock TTL ms, handled-key prefix, handled TTL s, the handled item. Marks the handled event
# and removes it if it is still the head (mark first: a crash in between leaves a marked head, skipped below),
# keeps the lock (re-taken if it
# expired unclaimed; {-1} if another drain holds it), skips marked heads, and returns {1, raw, id} for the
# next event to handle or {0} when the inbox is empty. Items queued without an id are returned with id ''.
_ADVANCE = """
if KEYS[3] ~= '' then
  redis.call('SET', KEYS[3], '1', 'EX', ARGV[4])
  if redis.call('LINDEX', KEYS[2], 0) == ARGV[5] then redis.call('LPOP', KEYS[2]) end
end
local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
elseif holder ~= ARGV[1] then
  return {-1}
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
while true do
  local raw = redis.call('LINDEX', KEYS[2], 0)
  if not raw then return {0} end
  local ok, item = pcall(cjson.decode, raw)
  local id = ok and type(item) == 'table' and item['id'] or nil
  if type(id) ~= 'string' then return {1, raw, ''} end
  if redis.call('EXISTS', ARGV[3] .. id) == 0 then return {1, raw, id} end
  redis.call('LPOP', KEYS[2])
end
"""

# Release the lock if it is still ours and say how many events wait (an event queued meanwhile).
_RELEASE_AND_COUNT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return redis.call('LLEN', KEYS[2])
"""


async def drain_user(runtime: Any, user_id: str, handle: EventHandler) -> int:
    """Handle the user's queued events in order; returns how many were handled here."""
    redis = runtime.redis
    prefix = _prefix(runtime)
    handled_prefix = f"{prefix}handled:"
    lock = f"{prefix}lock:{user_id}"
    inbox = inbox_key(runtime, user_id)
    advance = redis.register_script(_ADVANCE)
    release = redis.register_script(_RELEASE_AND_COUNT)
    handled = 0
    while True:
        token = uuid.uuid4().hex
        if not await redis.set(lock, token, nx=True, px=LOCK_TTL_MS):
            return handled  # another job is draining this user; it will see our events
        done_key, done_raw = "", b""
        try:
            while True:
                step = await advance(keys=[lock, inbox, done_key],
                                     args=[token, LOCK_TTL_MS, handled_prefix, HANDLED_TTL_SECONDS, done_raw])
                done_key, done_raw = "", b""
                if int(step[0]) != 1:
                    break
                done_raw = step[1]
                item = json.loads(done_raw)
                event = item["event"]
                known_id = step[2].decode() if isinstance(step[2], bytes) else str(step[2])
                done_key = handled_prefix + (known_id or event_id(event))
                if not known_id and await redis.exists(done_key):
                    continue  # an item queued without an id, already handled: the next advance removes it
                try:
                    await handle(event, float(item.get("received_at") or time.time()), bool(item.get("over_limit")))
                except Exception:
                    log.exception("LINE event %s (%s) failed", event_id(event), event.get("type"))
                handled += 1
        finally:
            waiting = await release(keys=[lock, inbox], args=[token])
        if not waiting:
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
