"""A token bucket in Redis, shared by every worker process that sends to the same LINE channel.

The bucket state (tokens, last refill time) lives in one Redis hash and is updated by a Lua script
using the Redis server clock, so processes on different machines agree on the pace.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from redis.asyncio import Redis

# KEYS[1] bucket; ARGV: rate per second, capacity, tokens wanted.
# Returns 0 when the tokens were taken, otherwise the milliseconds to wait before asking again.
_TAKE = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local rate = tonumber(ARGV[1]) / 1000.0
local capacity = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= wanted then
  tokens = tokens - wanted
else
  wait = math.ceil((wanted - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 60000)
return wait
"""

_DRAIN = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
redis.call('HSET', KEYS[1], 'tokens', '0', 'at', tostring(now))
return 0
"""


@dataclass
class TokenBucket:
    """`await bucket.acquire()` returns once a call may be made at `rate` per second across all processes."""

    redis: Redis
    key: str
    rate: float
    capacity: float | None = None

    def __post_init__(self) -> None:
        if self.rate <= 0:
            raise ValueError("rate must be positive")
        self._script = self.redis.register_script(_TAKE)
        self._drain = self.redis.register_script(_DRAIN)

    @property
    def burst(self) -> float:
        return self.capacity if self.capacity is not None else max(1.0, self.rate)

    async def try_acquire(self, tokens: float = 1.0) -> float:
        """Take `tokens` if available; returns 0.0, or the seconds to wait before trying again."""
        wait_ms = await self._script(keys=[self.key], args=[self.rate, self.burst, tokens])
        return int(wait_ms) / 1000.0

    async def acquire(self, tokens: float = 1.0) -> None:
        while True:
            wait = await self.try_acquire(tokens)
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    async def drain(self) -> None:
        """Empty the bucket (after the platform answered 429, so no process bursts straight back)."""
        await self._drain(keys=[self.key], args=[])
