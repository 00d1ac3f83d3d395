"""Redis: a real server from REDIS_URL, or the embedded one under DATA_DIR for the zero-setup default."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from arq.connections import RedisSettings
from redis.asyncio import Redis

from backend.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from backend.embedded import EmbeddedRedis

T = TypeVar("T")


@dataclass
class RedisEndpoint:
    """Where Redis lives; `embedded` is the embedded server this process runs (stopped by close())."""

    url: str
    embedded: EmbeddedRedis | None = field(default=None, repr=False)

    def client(self, **kwargs: Any) -> Redis:
        client: Redis = Redis.from_url(self.url, **kwargs)
        return client

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


def reply(result: Awaitable[T] | T) -> Awaitable[T]:
    """A command's reply on the asyncio client, to await: redis-py annotates each command once for its
    blocking and asyncio clients (`Awaitable[T] | T`), and on redis.asyncio.Redis it is always awaitable."""
    return cast("Awaitable[T]", result)
