"""Per-user inboxes in Redis: the webhook appends, the worker drains one user's events in order.

- `enqueue_events` (request path, one Redis round trip): SET NX on each webhookEventId (48 h) drops
  duplicates, RPUSH the new events to their user's inbox, count them for the per-user rate limit, and
  put each user whose inbox was empty on the ready list (otherwise a drain is already due or running).
- `consume_ready_inboxes` (worker, a service beside the arq jobs, see bot/jobs.py): take users from the ready
  list and drain each in its own task, up to a set number at once. One round trip (`claim_ready`) takes
  every waiting user there is a free slot for, with its lock and first event; the consumer blocks (BLPOP)
  only when the list is empty. An arq job per burst would cost about eight round trips (arq claims each job
  with WATCH/EXISTS/ZSCORE/MULTI), which capped dispatch well below what the handlers can do.
- `drain_user`: take the user's lock (refreshed per event), handle events oldest first, mark each
  webhookEventId handled before removing it, and release the lock in the same step that finds the inbox
  empty (an event that arrives later puts the user on the ready list again, so none is stranded). A
  crashed worker's lock expires and the sweep cron puts the inbox back on the ready list: at least once,
  and never twice thanks to the marks.

An inbox item is one flag character ("1": over the user's rate limit, "0": not) followed by the JSON
{"id", "event", "received_at"}; the flag is set inside the enqueue script, so the event is encoded once.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
import uuid
import weakref
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
from redis.exceptions import RedisError

from backend.redis_conn import reply
from backend.runtime import Runtime
from bot.batching import BatchedLookup

if TYPE_CHECKING:
    from redis.asyncio import Redis
    from redis.commands.core import AsyncScript

log = logging.getLogger(__name__)

SEEN_TTL_SECONDS = 48 * 3600
HANDLED_TTL_SECONDS = 48 * 3600
LOCK_TTL_MS = 60_000
RATE_WINDOW_SECONDS = 10
RATE_LIMIT_EVENTS = 12
SHUTDOWN_GRACE_SECONDS = 10.0

EventHandler = Callable[[dict[str, Any], float, bool], Awaitable[None]]
RATE_LIMITED_KINDS = ("message", "postback")


def _prefix(runtime: Runtime) -> str:
    return f"{runtime.settings.redis_prefix}line:"


def inbox_key(runtime: Runtime, user_id: str) -> str:
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


def ready_key(runtime: Runtime) -> str:
    return f"{_prefix(runtime)}ready"


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


_SCRIPTS: weakref.WeakKeyDictionary[Redis, dict[str, AsyncScript]] = weakref.WeakKeyDictionary()


def _script(redis: Redis, source: str) -> AsyncScript:
    """The client's EVALSHA wrapper for a script (loaded on first use), made once per client."""
    scripts = _SCRIPTS.setdefault(redis, {})
    found = scripts.get(source)
    if found is None:
        found = scripts[source] = redis.register_script(source)
    return found


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


async def consume_ready_inboxes(
    runtime: Runtime, handle: EventHandler, *, concurrency: int = 64, block_seconds: float = 1.0
) -> None:
    """Drain users as they become ready, at most `concurrency` at once, until cancelled.

    While users are waiting, one round trip (`claim_ready`) takes as many of them as there are free drain
    slots, each with its lock taken and its first event read; only when the ready list is empty does the
    consumer block on it (BLPOP), and the user that wakes it up is claimed the same way.

    Redis errors do not end it: it waits (0.2 s doubling to 5 s) and tries again. When cancelled it stops
    taking users and gives the drains under way up to SHUTDOWN_GRACE_SECONDS to finish.
    """
    drains: set[asyncio.Task[None]] = set()
    slot_freed = asyncio.Event()
    failures = 0
    woken_by: str | None = None  # a user BLPOP took off the ready list, claimed in the next round trip

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
    finally:
        if woken_by is not None:  # taken off the ready list but not claimed: put it back
            with contextlib.suppress(RedisError, OSError):
                await mark_ready(runtime, [woken_by])
        if drains:
            _, late = await asyncio.wait(set(drains), timeout=SHUTDOWN_GRACE_SECONDS)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)


@dataclass(frozen=True, slots=True)
class Claimed:
    """A user's drain lock taken by `claim_ready` and the first event it found (inbox item, its id)."""

    token: str
    raw: bytes
    event_id: str


# Take users off the ready list (first the one BLPOP already took, ARGV[6], if any) up to ARGV[5] in all; for
# each, take its drain lock and find its first unhandled event, as _ADVANCE does for a drain's first step.
# KEYS: ready list. ARGV: inbox key prefix, lock key prefix, handled-key prefix, lock TTL ms, how many, the
# user BLPOP took ('' for none), lock token prefix. Returns {1 if the list ran dry else 0, user, token, raw, id,
# user, ...} for
# the users whose lock it took and whose inbox has an event; a user whose lock another drain holds is left
# to it (that drain looks again before it stops), an empty inbox's lock is given back at once.
_CLAIM = """
local out = {0}
local taken = 0
local function claim(user)
  taken = taken + 1
  local lock, inbox = ARGV[2] .. user, ARGV[1] .. user
  local token = ARGV[7] .. taken
  if not redis.call('SET', lock, token, 'NX', 'PX', ARGV[4]) then return end
  while true do
    local raw = redis.call('LINDEX', inbox, 0)
    if not raw then
      redis.call('DEL', lock)
      return
    end
    local ok, item = pcall(cjson.decode, string.sub(raw, 2))
    local id = ok and type(item) == 'table' and item['id'] or nil
    if type(id) ~= 'string' then id = '' end
    if id == '' or redis.call('EXISTS', ARGV[3] .. id) == 0 then
      out[#out + 1] = user
      out[#out + 1] = token
      out[#out + 1] = raw
      out[#out + 1] = id
      return
    end
    redis.call('LPOP', inbox)
  end
end
local limit = tonumber(ARGV[5])
if ARGV[6] ~= '' then claim(ARGV[6]) end
while taken < limit do
  local user = redis.call('LPOP', KEYS[1])
  if not user then
    out[1] = 1
    break
  end
  claim(user)
end
return out
"""


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


async def claim_ready(runtime: Runtime, limit: int, woken_by: str | None = None
                      ) -> tuple[bool, list[tuple[str, Claimed]]]:
    """Up to `limit` ready users (`woken_by` first: already taken off the list), each with its lock and first
    event, in one round trip; returns whether the ready list ran dry, and the claims."""
    prefix = _prefix(runtime)
    result = await _script(runtime.redis, _CLAIM)(keys=[ready_key(runtime)], args=[
        f"{prefix}inbox:", f"{prefix}lock:", _handled_prefix(runtime), LOCK_TTL_MS, limit, woken_by or "",
        f"{uuid.uuid4().hex}:"])
    claims = [(_text(result[i]), Claimed(_text(result[i + 1]), bytes(result[i + 2]), _text(result[i + 3])))
              for i in range(1, len(result), 4)]
    return bool(int(result[0])), claims


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


def _handled_prefix(runtime: Runtime) -> str:
    return f"{_prefix(runtime)}handled:"


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
