"""The product's Redis client packs commands with hiredis, byte for byte as redis-py would, and still works."""

from __future__ import annotations

import pytest
from redis.asyncio import Redis
from redis.asyncio.connection import Connection, UnixDomainSocketConnection
from redis.exceptions import DataError

from backend.redis_conn import RedisEndpoint, hiredis_packing
from backend.settings import Settings

COMMANDS = [
    ("SET", "k", "v"),
    ("EVALSHA", "a" * 40, 0, "ไทย", b"\r\n\x00", 2**70, -5, ""),  # Thai, CRLF and NUL, a big and a negative int
    ("SCRIPT LOAD", "return 1"),  # two words: sent as two arguments
    (b"CLIENT SETNAME", b"x"),
    ("SET", "k", 1.5),  # a float: left to redis-py
    ("SET", "k", memoryview(b"view")),
]


@pytest.mark.parametrize("args", COMMANDS)
def test_commands_are_packed_as_redis_py_packs_them(args: tuple[object, ...]) -> None:
    packing = hiredis_packing(Connection)()
    assert b"".join(packing.pack_command(*args)) == b"".join(bytes(part) for part in Connection().pack_command(*args))


def test_what_redis_py_refuses_is_still_refused() -> None:
    with pytest.raises(DataError):
        hiredis_packing(Connection)().pack_command("SET", "k", True)


def test_every_kind_of_connection_keeps_its_kind() -> None:
    unix = hiredis_packing(UnixDomainSocketConnection)
    assert issubclass(unix, UnixDomainSocketConnection) and unix is hiredis_packing(UnixDomainSocketConnection)


async def test_the_client_round_trips_a_script_with_many_arguments(redis: Redis, test_settings: Settings) -> None:
    client = RedisEndpoint(url=test_settings.redis_url or "").client(decode_responses=False)
    try:
        values = [f"ค่า {i}\r\n" for i in range(300)]
        script = client.register_script("return ARGV")
        assert await script(keys=[], args=values) == [v.encode() for v in values]
        assert type(await client.connection_pool.get_connection()).__name__ == "HiredisConnection"
    finally:
        await client.aclose()
