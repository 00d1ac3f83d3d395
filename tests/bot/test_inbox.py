"""Per-user inboxes: order, each event handled once even when drained concurrently, the ready list and its
consumer, sweep after a crash."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.inbox import consume_ready_inboxes, drain_user, enqueue_events, inbox_key, pending_inboxes, ready_key
from tests.clock import ticking_clock


@dataclass
class FakeQueue:
    jobs: list[tuple[str, tuple[Any, ...]]]

    async def enqueue_job(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.jobs.append((name, args))


@dataclass
class FakeRuntime:
    redis: Any
    settings: Any
    queue: FakeQueue
    clock: Any = field(default_factory=ticking_clock)


async def ready_users(redis: Any, runtime: Any) -> list[str]:
    return [u.decode() for u in await redis.lrange(ready_key(runtime), 0, -1)]


def event(user: str, n: int) -> dict[str, Any]:
    return {"type": "message", "webhookEventId": f"01EV{user}{n:04d}", "source": {"type": "user", "userId": user},
            "message": {"type": "text", "text": str(n)}, "timestamp": 0}


async def test_enqueue_dedupes_and_drain_keeps_order_once(redis: Any, test_settings: Any) -> None:
    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    events = [event("Ua", n) for n in range(5)]
    assert await enqueue_events(runtime, events) == 5
    assert await enqueue_events(runtime, events[:2]) == 0  # redelivered
    assert await enqueue_events(runtime, [event("Ua", 5)]) == 1  # the inbox is not empty: no second drain
    assert await ready_users(redis, runtime) == ["Ua"]
    seen: list[str] = []

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        await asyncio.sleep(0.001)
        seen.append(ev["message"]["text"])

    # Two drains at once (two jobs for the same user): one takes the lock, nothing runs twice.
    await asyncio.gather(drain_user(runtime, "Ua", handle), drain_user(runtime, "Ua", handle))
    assert seen == ["0", "1", "2", "3", "4", "5"]
    # The same event pushed again by hand is recognised as handled.
    await redis.rpush(inbox_key(runtime, "Ua"), "0" + json.dumps({"event": events[0], "received_at": 0}))
    await drain_user(runtime, "Ua", handle)
    assert seen == ["0", "1", "2", "3", "4", "5"]


async def test_events_arriving_during_a_drain_are_handled_and_the_next_one_makes_the_user_ready(
        redis: Any, test_settings: Any) -> None:
    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    await enqueue_events(runtime, [event("Ud", 0)])
    await redis.delete(ready_key(runtime))  # taken by this drain
    seen: list[str] = []

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        seen.append(ev["message"]["text"])
        if ev["message"]["text"] == "0":  # the user types again while the first answer is being made
            await enqueue_events(runtime, [event("Ud", 1)])

    assert await drain_user(runtime, "Ud", handle) == 2
    assert seen == ["0", "1"]
    assert await ready_users(redis, runtime) == []  # the second event joined the running drain
    assert await redis.keys(f"{test_settings.redis_prefix}line:lock:*") == []  # the lock is given back
    await enqueue_events(runtime, [event("Ud", 2)])
    assert await ready_users(redis, runtime) == ["Ud"]  # a later event is not stranded
    assert await drain_user(runtime, "Ud", handle) == 1 and seen == ["0", "1", "2"]


async def test_failed_handler_does_not_block_the_inbox(redis: Any, test_settings: Any) -> None:
    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    await enqueue_events(runtime, [event("Ub", n) for n in range(3)])
    seen: list[str] = []

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        if ev["message"]["text"] == "1":
            raise RuntimeError("boom")
        seen.append(ev["message"]["text"])

    await drain_user(runtime, "Ub", handle)
    assert seen == ["0", "2"]


async def test_sweep_finds_inboxes_left_without_a_drain(redis: Any, test_settings: Any) -> None:
    from bot.jobs import sweep_line_inboxes

    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    await enqueue_events(runtime, [event("Uc", 1)])
    await enqueue_events(runtime, [event("Ue", 1)])
    assert await pending_inboxes(runtime) == []  # both are on the ready list
    await redis.lpop(ready_key(runtime))  # Uc was taken by a worker that crashed before draining it
    assert await pending_inboxes(runtime) == ["Uc"]
    assert await sweep_line_inboxes({"runtime": runtime}) == 1
    assert await ready_users(redis, runtime) == ["Ue", "Uc"]


async def _consume_until_all_handled(runtime: Any, handle: Any, seen: dict[str, list[str]], *,
                                     concurrency: int) -> None:
    """Run the inbox consumer until every user's three events were handled (or 4 s passed), then stop it."""
    consumer = asyncio.create_task(consume_ready_inboxes(runtime, handle, concurrency=concurrency,
                                                         block_seconds=0.1))
    try:
        for _ in range(200):
            if all(len(v) == 3 for v in seen.values()):
                break
            await asyncio.sleep(0.02)
    finally:
        consumer.cancel()
        await asyncio.gather(consumer, return_exceptions=True)


async def test_consumer_drains_many_users_at_once_each_in_order(redis: Any, test_settings: Any) -> None:
    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    users = [f"Uq{i}" for i in range(20)]
    for n in range(3):
        await enqueue_events(runtime, [event(u, n) for u in users])
    seen: dict[str, list[str]] = {u: [] for u in users}
    running = 0
    most = 0

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        seen[ev["source"]["userId"]].append(ev["message"]["text"])
        running -= 1

    await _consume_until_all_handled(runtime, handle, seen, concurrency=8)
    assert seen == {u: ["0", "1", "2"] for u in users}
    assert 1 < most <= 8  # users in parallel, never more than the limit
    assert await ready_users(redis, runtime) == []


class CountingRedis:
    """The real client, counting the scripts it runs (round trips of the drains)."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.script_calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def register_script(self, source: str) -> Any:
        script = self.real.register_script(source)

        async def call(keys: list[Any] | None = None, args: list[Any] | None = None) -> Any:
            self.script_calls += 1
            return await script(keys=keys, args=args)

        return call


async def test_users_drained_at_once_share_round_trips_and_each_keeps_its_order(redis: Any,
                                                                                 test_settings: Any) -> None:
    counting = CountingRedis(redis)
    runtime = FakeRuntime(counting, test_settings, FakeQueue([]))
    users = [f"Us{i}" for i in range(40)]
    for n in range(3):
        await enqueue_events(runtime, [event(u, n) for u in users])
    queued = counting.script_calls
    seen: dict[str, list[str]] = {u: [] for u in users}

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        await asyncio.sleep(0.005)
        seen[ev["source"]["userId"]].append(ev["message"]["text"])

    await _consume_until_all_handled(runtime, handle, seen, concurrency=64)
    assert seen == {u: ["0", "1", "2"] for u in users}
    # 120 events: one claim for the 40 users and a few batched steps, not one or two round trips per event
    assert counting.script_calls - queued < 40
    assert await ready_users(redis, runtime) == []


async def test_flood_is_marked_over_limit(redis: Any, test_settings: Any) -> None:
    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    await enqueue_events(runtime, [event("Ud", n) for n in range(30)])
    flags: list[bool] = []

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        flags.append(over_limit)

    await drain_user(runtime, "Ud", handle)
    assert flags[:12] == [False] * 12 and all(flags[12:])


class FlakyRedis:
    """The real client, except that the first script call after an event was handled fails as if Redis
    had just gone away."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.failed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def register_script(self, source: str) -> Any:
        script = self.real.register_script(source)

        async def call(keys: list[Any] | None = None, args: list[Any] | None = None) -> Any:
            # a drain step that marks a handled event (its key among the script's keys or arguments)
            marks = any(isinstance(v, str) and ":line:handled:" in v and not v.endswith(":handled:")
                        for v in [*(keys or []), *(args or [])])
            if not self.failed and marks:
                self.failed = True
                raise RedisConnectionError("Connection closed by server.")
            return await script(keys=keys, args=args)

        return call


async def test_redis_lost_mid_drain_the_event_is_not_handled_twice_and_the_inbox_is_freed(
    redis: Any, test_settings: Any
) -> None:
    flaky = FlakyRedis(redis)
    runtime = FakeRuntime(flaky, test_settings, FakeQueue([]))
    await enqueue_events(runtime, [event("Uf", n) for n in range(2)])
    await redis.lpop(ready_key(runtime))
    seen: list[str] = []

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        seen.append(ev["message"]["text"])

    with pytest.raises(RedisConnectionError):
        await drain_user(runtime, "Uf", handle)
    assert seen == ["0"]  # handled, but Redis failed before it was marked
    for _ in range(100):  # once Redis answers: marked, lock given back, user ready again
        if await ready_users(redis, runtime) == ["Uf"]:
            break
        await asyncio.sleep(0.05)
    assert await ready_users(redis, runtime) == ["Uf"]
    assert not await redis.exists(f"{test_settings.redis_prefix}line:lock:Uf")
    await drain_user(runtime, "Uf", handle)
    assert seen == ["0", "1"]


class Arrivals:
    """When each user's event reached the handler (the loop's clock), and a way to wait for some of them."""

    def __init__(self) -> None:
        self.at: dict[str, float] = {}
        self._changed = asyncio.Event()

    def record(self, ev: dict[str, Any]) -> None:
        self.at[ev["source"]["userId"]] = asyncio.get_running_loop().time()
        self._changed.set()

    async def wait_for(self, users: list[str]) -> None:
        while True:
            self._changed.clear()
            if all(user in self.at for user in users):
                return
            await asyncio.wait_for(self._changed.wait(), 10)


async def test_events_streaming_in_are_claimed_together_and_one_after_a_quiet_spell_at_once(
        redis: Any, test_settings: Any) -> None:
    """While events keep arriving, the consumer waits its gather window after the first one so that the users
    writing meanwhile are taken in the same claim; a message after a quiet spell is handled without waiting."""
    counting = CountingRedis(redis)
    runtime = FakeRuntime(counting, test_settings, FakeQueue([]))
    handled = Arrivals()
    loop = asyncio.get_running_loop()

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        handled.record(ev)

    gather = 1.5
    consumer = asyncio.create_task(consume_ready_inboxes(runtime, handle, block_seconds=0.2,
                                                         gather_seconds=gather))
    try:
        await asyncio.sleep(gather + 0.2)  # quiet: nothing arrived for longer than the window
        sent = loop.time()
        await enqueue_events(runtime, [event("Uquiet", 0)])
        await handled.wait_for(["Uquiet"])
        assert handled.at["Uquiet"] - sent < gather * 0.6  # not held back for the window

        before = counting.script_calls
        users = [f"Ustream{i}" for i in range(8)]
        for user in users:  # one after another, as a busy channel's webhooks bring them
            await enqueue_events(runtime, [event(user, 0)])
            await asyncio.sleep(0.03)
        await handled.wait_for(users)
    finally:
        consumer.cancel()
        await asyncio.gather(consumer, return_exceptions=True)
    # 8 enqueues, and the claims and steps of 8 users handled together: far fewer than a claim and a step each
    assert counting.script_calls - before <= 8 + 4
    assert await ready_users(redis, runtime) == []


async def test_a_worker_short_of_cpu_stops_gathering_for_a_while(redis: Any, test_settings: Any) -> None:
    """When the gather wait ends late (the process did not get the CPU in time), batches would wait for the
    CPU as a whole: the consumer claims users as they come for a while instead."""
    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    loop = asyncio.get_running_loop()
    handled = Arrivals()

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        if ev["source"]["userId"] == "Uhog":
            await asyncio.sleep(0.05)
            time.sleep(1.0)  # noqa: ASYNC251 - on purpose: the process is busy while the gather wait runs
        handled.record(ev)

    gather = 0.5
    consumer = asyncio.create_task(consume_ready_inboxes(runtime, handle, block_seconds=0.2,
                                                         gather_seconds=gather))
    try:
        await asyncio.sleep(gather + 0.2)
        await enqueue_events(runtime, [event("Uhog", 0)])  # after a quiet spell: claimed at once
        await enqueue_events(runtime, [event("Unext", 0)])  # streaming: gathered, and the wait ends late
        await handled.wait_for(["Uhog", "Unext"])
        sent = loop.time()
        await enqueue_events(runtime, [event("Ulate", 0)])
        await handled.wait_for(["Ulate"])
        assert handled.at["Ulate"] - sent < gather * 0.6  # not held back for the window
    finally:
        consumer.cancel()
        await asyncio.gather(consumer, return_exceptions=True)
