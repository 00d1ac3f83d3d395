"""Redis: a real server from REDIS_URL, or the embedded one under DATA_DIR for the zero-setup default."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import hiredis
from arq.connections import RedisSettings
from redis.asyncio import Redis

from backend.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from backend.embedded import EmbeddedRedis

T = TypeVar("T")
C = TypeVar("C")


@dataclass
class RedisEndpoint:
    """Where Redis lives; `embedded` is the embedded server this process runs (stopped by close())."""

    url: str
    embedded: EmbeddedRedis | None = field(default=None, repr=False)

    def client(self, **kwargs: Any) -> Redis:
        client: Redis = Redis.from_url(self.url, **kwargs)
        pool = client.connection_pool
        pool.connection_class = hiredis_packing(pool.connection_class)
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


_PACKABLE = frozenset({str, bytes, int})
_PACKING: dict[type[Any], type[Any]] = {}


def hiredis_packing(connection_class: type[C]) -> type[C]:
    """`connection_class` (TCP, TLS or unix socket) packing commands with hiredis, as redis-py's blocking
    client does: its asyncio connection packs them in Python, one join per argument, which costs a worker
    more CPU than the command's round trip when a script carries the steps of many conversations (about 3.5
    against 0.4 µs per 5-argument step). Arguments other than str, bytes and int (floats, memoryviews) are
    left to redis-py; hiredis writes the others byte for byte as redis-py does."""
    found = _PACKING.get(connection_class)
    if found is None:
        pack = hiredis.pack_command

        def pack_command(self: Any, *args: Any) -> list[bytes]:
            if not all(type(arg) in _PACKABLE for arg in args):
                return cast("list[bytes]", connection_class.pack_command(self, *args))  # type: ignore[attr-defined]
            command = args[0]
            if isinstance(command, str):  # "SCRIPT LOAD": the words go as separate arguments
                args = (*command.encode().split(), *args[1:])
            elif b" " in command:
                args = (*command.split(), *args[1:])
            return [pack(args)]

        found = _PACKING[connection_class] = type(f"Hiredis{connection_class.__name__}", (connection_class,),
                                                  {"pack_command": pack_command})
    return cast("type[C]", found)


def reply(result: Awaitable[T] | T) -> Awaitable[T]:
    """A command's reply on the asyncio client, to await: redis-py annotates each command once for its
    blocking and asyncio clients (`Awaitable[T] | T`), and on redis.asyncio.Redis it is always awaitable."""
    return cast("Awaitable[T]", result)
