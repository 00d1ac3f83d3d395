"""Draining one user's inbox: events in order, each marked handled before it is removed, the lock given back in
the step that finds the inbox empty; the steps of concurrent drains go to Redis together."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
import weakref
from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING, Any

from redis.exceptions import RedisError

from backend.runtime import Runtime
from bot.batching import BatchedLookup

if TYPE_CHECKING:
    from redis.asyncio import Redis

from bot.inbox.claims import Claimed
from bot.inbox.enqueue import mark_ready
from bot.inbox.keys import (
    HANDLED_TTL_SECONDS,
    LOCK_TTL_MS,
    EventHandler,
    _handled_prefix,
    _prefix,
    _script,
    event_id,
    inbox_key,
)

log = logging.getLogger(__name__)

# One round trip per event while draining. KEYS: lock, inbox, done key of the event just handled ('' for none).
# ARGV: lock token, lock TTL ms, handled-key prefix, handled TTL s, the handled item. Marks the handled event
# and removes it if it is still the head (mark first: a crash in between leaves a marked head, skipped below),
# takes or keeps the lock ({-1} if another drain holds it), skips marked heads, and returns {1, raw, id} for
# the next event to handle, or releases the lock and returns {0} when the inbox is empty: an event queued
# after that finds an empty inbox and puts the user on the ready list. Items queued without an id are
# returned with id ''.
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
  if not raw then
    redis.call('DEL', KEYS[1])
    return {0}
  end
  local ok, item = pcall(cjson.decode, string.sub(raw, 2))
  local id = ok and type(item) == 'table' and item['id'] or nil
  if type(id) ~= 'string' then return {1, raw, ''} end
  if redis.call('EXISTS', ARGV[3] .. id) == 0 then return {1, raw, id} end
  redis.call('LPOP', KEYS[2])
end
"""

# Release the lock if it is still ours (after Redis came back, see _finish_when_back).
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
"""


# _ADVANCE for the drains of several users in one round trip (each drain waits for its step; the steps queued
# while one call is on its way go in the next). ARGV: lock TTL ms, handled-key prefix, handled TTL s, then per
# step: lock, inbox, done key ('' for none), lock token, handled item. Returns {code, raw, id} per step, in order
# ({-1, '', ''} / {0, '', ''} as _ADVANCE's {-1} / {0}); the steps run one after another, as separate calls would.
_ADVANCE_MANY = """
local out = {}
local function step(lock, inbox, done, token, item)
  if done ~= '' then
    redis.call('SET', done, '1', 'EX', ARGV[3])
    if redis.call('LINDEX', inbox, 0) == item then redis.call('LPOP', inbox) end
  end
  local holder = redis.call('GET', lock)
  if holder == false then
    redis.call('SET', lock, token, 'PX', ARGV[1])
  elseif holder ~= token then
    return {-1, '', ''}
  else
    redis.call('PEXPIRE', lock, ARGV[1])
  end
  while true do
    local raw = redis.call('LINDEX', inbox, 0)
    if not raw then
      redis.call('DEL', lock)
      return {0, '', ''}
    end
    local ok, decoded = pcall(cjson.decode, string.sub(raw, 2))
    local id = ok and type(decoded) == 'table' and decoded['id'] or nil
    if type(id) ~= 'string' then return {1, raw, ''} end
    if redis.call('EXISTS', ARGV[2] .. id) == 0 then return {1, raw, id} end
    redis.call('LPOP', inbox)
  end
end
for b = 4, #ARGV, 5 do
  local r = step(ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4])
  out[#out + 1] = r[1]
  out[#out + 1] = r[2]
  out[#out + 1] = r[3]
end
return out
"""

Step = tuple[str, str, str, str, bytes]  # lock, inbox, done key, lock token, handled item
_ADVANCERS: weakref.WeakKeyDictionary[Redis, BatchedLookup[Step, list[Any]]] = weakref.WeakKeyDictionary()


def _advancer(runtime: Runtime) -> BatchedLookup[Step, list[Any]]:
    """The drains' steps of this Redis client, batched (one per client: the drains of a worker share it)."""
    redis = runtime.redis
    found = _ADVANCERS.get(redis)
    if found is None:
        script = _script(redis, _ADVANCE_MANY)
        handled_prefix = _handled_prefix(runtime)

        async def advance_many(steps: Sequence[Step]) -> dict[Step, list[Any]]:
            args: list[Any] = [LOCK_TTL_MS, handled_prefix, HANDLED_TTL_SECONDS]
            for entry in steps:
                args.extend(entry)
            result = await script(keys=[], args=args)
            return {entry: result[3 * i:3 * i + 3] for i, entry in enumerate(steps)}

        found = _ADVANCERS[redis] = BatchedLookup(advance_many, max_keys=200)
    return found


async def drain_user(runtime: Runtime, user_id: str, handle: EventHandler, *, claimed: Claimed | None = None) -> int:
    """Handle the user's queued events in order; returns how many were handled here. `claimed`: the lock is
    already taken and the first event read (claim_ready)."""
    redis = runtime.redis
    prefix = _prefix(runtime)
    handled_prefix = _handled_prefix(runtime)
    lock = f"{prefix}lock:{user_id}"
    inbox = inbox_key(runtime, user_id)
    advance = _advancer(runtime)
    handled = 0
    token = claimed.token if claimed else uuid.uuid4().hex
    first: list[Any] | None = [1, claimed.raw, claimed.event_id] if claimed else None
    done_key, done_raw = "", b""
    try:
        while True:
            if first is not None:
                step, first = first, None
            else:
                found = await advance.get((lock, inbox, done_key, token, done_raw))
                if found is None:  # pragma: no cover - every step gets its answer
                    raise RedisError("no answer for a drain step")
                step = found
            done_key, done_raw = "", b""
            if int(step[0]) != 1:
                # 0: the inbox is empty and the lock given back; -1: another drain holds the lock and will
                # see the events.
                return handled
            done_raw = step[1]
            over_limit, item = done_raw[:1] == b"1", json.loads(done_raw[1:])
            event = item["event"]
            known_id = step[2].decode() if isinstance(step[2], bytes) else str(step[2])
            done_key = handled_prefix + (known_id or event_id(event))
            if not known_id and await redis.exists(done_key):
                continue  # an item queued without an id, already handled: the next advance removes it
            try:
                await handle(event, float(item.get("received_at") or runtime.clock.timestamp()), over_limit)
            except Exception:
                log.exception("LINE event %s (%s) failed", event_id(event), event.get("type"))
            handled += 1
    except (RedisError, OSError):
        # Redis went away mid-drain. As soon as it answers again: mark the event just handled (so it is
        # not handled twice), give the lock back (it would hold the inbox until it expires) and make
        # the user ready again.
        _retry_later(_finish_when_back(runtime, user_id, lock, token, done_key, done_raw))
        raise


_LATER: set[asyncio.Task[None]] = set()
RELEASE_RETRY_SECONDS = 300.0


def _retry_later(work: Awaitable[None]) -> None:
    task = asyncio.ensure_future(work)
    _LATER.add(task)
    task.add_done_callback(_LATER.discard)


async def _finish_when_back(runtime: Runtime, user_id: str, lock: str, token: str, done_key: str,
                            done_raw: bytes) -> None:
    redis = runtime.redis
    inbox = inbox_key(runtime, user_id)
    delay, deadline = 0.2, time.monotonic() + RELEASE_RETRY_SECONDS
    while time.monotonic() < deadline:
        await asyncio.sleep(delay)
        try:
            if done_key:  # mark it and drop it from the inbox (this may also take the lock: released next)
                await _script(redis, _ADVANCE)(
                    keys=[lock, inbox, done_key],
                    args=[token, LOCK_TTL_MS, _handled_prefix(runtime), HANDLED_TTL_SECONDS, done_raw])
            await _script(redis, _RELEASE)(keys=[lock], args=[token])
            await mark_ready(runtime, [user_id])
            return
        except (RedisError, OSError):
            delay = min(5.0, delay * 2)
    log.warning("Redis did not come back within %.0f s; the sweep will find this inbox", RELEASE_RETRY_SECONDS)
