"""Redis: a real server from REDIS_URL, or the embedded one under DATA_DIR for the zero-setup default."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arq.connections import RedisSettings
from redis.asyncio import Redis

from backend.settings import Settings


@dataclass
class RedisEndpoint:
    """Where Redis lives; `embedded` is the embedded server this process runs (stopped by close())."""

    url: str
    embedded: Any = field(default=None, repr=False)

    def client(self, **kwargs: Any) -> Redis:
        return Redis.from_url(self.url, **kwargs)

    def arq_settings(self) -> RedisSettings:
        return RedisSettings.from_dsn(self.url)

    def close(self) -> None:
        if self.embedded is not None:
            self.embedded.close()
            self.embedded = None


def start_embedded_redis(data_dir: Path) -> RedisEndpoint:
    """Start (or join) the embedded redis-server on a unix socket under data_dir (see backend.embedded)."""
    from backend.embedded import embedded_redis

    server = embedded_redis(data_dir)
    return RedisEndpoint(url=server.url, embedded=server)


def resolve_redis(settings: Settings) -> RedisEndpoint:
    if settings.redis_url:
        return RedisEndpoint(url=settings.redis_url)
    return start_embedded_redis(settings.data_dir)
