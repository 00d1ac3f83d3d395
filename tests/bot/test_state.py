"""One contract for every conversation state store."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.state import MemoryStateStore, RedisStateStore


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest, redis: Any) -> AsyncIterator[Any]:
    if request.param == "memory":
        yield MemoryStateStore()
        return
    yield RedisStateStore(redis, prefix="test:")


async def test_set_get_pop_delete_clear(store: Any) -> None:
    user = "U1"
    assert await store.get(user, "a") is None
    await store.set(user, "a", {"x": 1, "name": "ทดสอบ"})
    assert await store.get(user, "a") == {"x": 1, "name": "ทดสอบ"}
    assert await store.pop(user, "a") == {"x": 1, "name": "ทดสอบ"}
    assert await store.pop(user, "a") is None
    await store.set(user, "a", {"x": 1})
    await store.set(user, "b", {"y": 2})
    await store.set("U2", "a", {"z": 3})
    await store.delete(user, "a")
    assert await store.get(user, "a") is None
    await store.clear(user)
    assert await store.get(user, "b") is None
    assert await store.get("U2", "a") == {"z": 3}


async def test_values_are_copies(store: Any) -> None:
    value = {"list": [1]}
    await store.set("U1", "k", value)
    value["list"].append(2)
    assert await store.get("U1", "k") == {"list": [1]}


async def test_entries_expire(store: Any) -> None:
    await store.set("U1", "short", {"v": 1}, ttl_seconds=1)
    assert await store.get("U1", "short") == {"v": 1}
    if isinstance(store, MemoryStateStore):
        store._clock = lambda: float("inf")
    else:
        await asyncio.sleep(1.1)
    assert await store.get("U1", "short") is None
