"""Request budgets per client address for public endpoints that could be used to enumerate (certificate
verification) or to guess (sign-in). A Redis token bucket, so every web process shares one budget."""

from __future__ import annotations

import math

from fastapi import Request

from backend.ratelimit import TokenBucket
from backend.services.errors import TooManyRequests


def client_address(request: Request) -> str:
    """The caller's address (uvicorn's --proxy-headers puts the forwarded one here behind a proxy)."""
    return request.client.host if request.client else "unknown"


class Throttle:
    """A FastAPI dependency: at most `per_minute` requests a minute per address (bursts up to that), then 429
    with Retry-After."""

    def __init__(self, name: str, *, per_minute: int) -> None:
        self.name = name
        self.per_minute = per_minute

    async def wait_seconds(self, request: Request, key: str | None = None) -> float:
        """Take one request from the budget of `key` (the client's address by default): 0.0, or the seconds to
        wait before the next one is allowed."""
        runtime = request.app.state.runtime
        bucket = TokenBucket(runtime.redis, f"{runtime.settings.redis_prefix}throttle:{self.name}:"
                             f"{key or client_address(request)}", rate=self.per_minute / 60,
                             capacity=self.per_minute)
        return await bucket.try_acquire()

    async def __call__(self, request: Request) -> None:
        wait = await self.wait_seconds(request)
        if wait > 0:
            raise TooManyRequests(math.ceil(wait))
