"""Token buckets, one per LINE endpoint (operationId)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from line_emulator.config import RateLimit

__all__ = ["RateLimiter", "TokenBucket"]


@dataclass(slots=True)
class TokenBucket:
    capacity: float
    refill_per_second: float
    tokens: float
    updated: float

    def take(self, now: float) -> bool:
        elapsed = now - self.updated
        if elapsed > 0:
            self.tokens = min(self.capacity, self.tokens + elapsed * self.refill_per_second)
            self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


class RateLimiter:
    """``allow(operation)`` is False once the endpoint's limit is used up (answer 429)."""

    def __init__(self, limit_for: Callable[[str], RateLimit], clock: Callable[[], float]) -> None:
        self._limit_for = limit_for
        self._clock = clock
        self._buckets: dict[str, tuple[RateLimit, TokenBucket]] = {}

    def allow(self, operation: str) -> bool:
        limit = self._limit_for(operation)
        entry = self._buckets.get(operation)
        now = self._clock()
        if entry is None or entry[0] is not limit:
            bucket = TokenBucket(limit.requests, limit.requests / limit.per_seconds, limit.requests, now)
            self._buckets[operation] = (limit, bucket)
        else:
            bucket = entry[1]
        return bucket.take(now)

    def reset(self) -> None:
        self._buckets.clear()
