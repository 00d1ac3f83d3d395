"""Conversation state (pending confirmations, paging cursors, profile steps) with a TTL on every key.

One interface, two implementations: `RedisStateStore` (production, tests end to end) and
`MemoryStateStore` (unit tests); tests/bot/test_state.py runs the same contract against both.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from redis.asyncio import Redis

from backend.redis_conn import reply
from bot.batching import BatchedLookup

DEFAULT_TTL_SECONDS = 30 * 60


class StateStore(Protocol):
    async def get(self, user_id: str, key: str) -> dict[str, Any] | None: ...

    async def set(self, user_id: str, key: str, value: dict[str, Any], *, ttl_seconds: int = ...) -> None: ...

    async def pop(self, user_id: str, key: str) -> dict[str, Any] | None:
        """Read and delete in one step (a confirmation can be used once)."""
        ...

    async def delete(self, user_id: str, key: str) -> None: ...

    async def clear(self, user_id: str) -> None:
        """Forget everything about this user (data deletion, unfollow)."""
        ...


# Each value with its TTL, and its name in its user's index (for clear): one command for the writes of the
# conversations handled at once, each applied as a whole (a MULTI/EXEC pipeline per write costs five commands
# and their replies). ARGV, six per write: value key, index key, value, TTL s, name in the index, index TTL s.
_SET_MANY = """
for b = 1, #ARGV, 6 do
  redis.call('SET', ARGV[b], ARGV[b + 2], 'EX', ARGV[b + 3])
  redis.call('SADD', ARGV[b + 1], ARGV[b + 4])
  redis.call('EXPIRE', ARGV[b + 1], ARGV[b + 5])
end
"""
Write = tuple[str, str, str, int, str, int]


class RedisStateStore:
    def __init__(self, redis: Redis, *, prefix: str = "") -> None:
        self._redis = redis
        self._prefix = f"{prefix}line:state:"
        self._set_many = redis.register_script(_SET_MANY)
        self._writes: BatchedLookup[Write, None] = BatchedLookup(self._write_many)
        # the reads of the conversations handled at once (every text message reads its step) in one MGET
        self._reads: BatchedLookup[str, bytes] = BatchedLookup(self._read_many)

    async def _write_many(self, writes: Sequence[Write]) -> dict[Write, None]:
        await self._set_many(keys=[], args=[value for write in writes for value in write])
        return {}

    async def _read_many(self, names: Sequence[str]) -> dict[str, bytes]:
        values = await reply(self._redis.mget(names))
        return {name: raw for name, raw in zip(names, values, strict=True) if raw is not None}

    def _key(self, user_id: str) -> str:
        return f"{self._prefix}{user_id}"

    async def get(self, user_id: str, key: str) -> dict[str, Any] | None:
        raw = await self._reads.get(f"{self._key(user_id)}:{key}")
        return json.loads(raw) if raw else None

    async def set(self, user_id: str, key: str, value: dict[str, Any], *, ttl_seconds: int = DEFAULT_TTL_SECONDS) -> None:
        index = self._key(user_id)
        # returns once written (with the writes of other conversations queued meanwhile)
        await self._writes.get((f"{index}:{key}", index, json.dumps(value, ensure_ascii=False), ttl_seconds, key,
                                max(ttl_seconds, DEFAULT_TTL_SECONDS)))

    async def pop(self, user_id: str, key: str) -> dict[str, Any] | None:
        raw = await self._redis.getdel(f"{self._key(user_id)}:{key}")
        return json.loads(raw) if raw else None

    async def delete(self, user_id: str, key: str) -> None:
        await self._redis.delete(f"{self._key(user_id)}:{key}")

    async def clear(self, user_id: str) -> None:
        keys = await reply(self._redis.smembers(self._key(user_id)))
        names = [f"{self._key(user_id)}:{k.decode() if isinstance(k, bytes) else k}" for k in keys]
        await self._redis.delete(self._key(user_id), *names)


class MemoryStateStore:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._items: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}
        self._clock = clock

    async def get(self, user_id: str, key: str) -> dict[str, Any] | None:
        item = self._items.get((user_id, key))
        if item is None:
            return None
        expires, value = item
        if expires <= self._clock():
            del self._items[(user_id, key)]
            return None
        copied: dict[str, Any] = json.loads(json.dumps(value))
        return copied

    async def set(self, user_id: str, key: str, value: dict[str, Any], *, ttl_seconds: int = DEFAULT_TTL_SECONDS) -> None:
        self._items[(user_id, key)] = (self._clock() + ttl_seconds, json.loads(json.dumps(value)))

    async def pop(self, user_id: str, key: str) -> dict[str, Any] | None:
        value = await self.get(user_id, key)
        self._items.pop((user_id, key), None)
        return value

    async def delete(self, user_id: str, key: str) -> None:
        self._items.pop((user_id, key), None)

    async def clear(self, user_id: str) -> None:
        for item in [k for k in self._items if k[0] == user_id]:
            del self._items[item]
