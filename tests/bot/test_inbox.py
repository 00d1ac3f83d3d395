"""Per-user inboxes: order, each event handled once even when drained concurrently, sweep after a crash."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from bot.inbox import drain_user, enqueue_events, inbox_key, pending_inboxes


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


def event(user: str, n: int) -> dict[str, Any]:
    return {"type": "message", "webhookEventId": f"01EV{user}{n:04d}", "source": {"type": "user", "userId": user},
            "message": {"type": "text", "text": str(n)}, "timestamp": 0}


async def test_enqueue_dedupes_and_drain_keeps_order_once(redis: Any, test_settings: Any) -> None:
    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    events = [event("Ua", n) for n in range(5)]
    assert await enqueue_events(runtime, events) == 5
    assert await enqueue_events(runtime, events[:2]) == 0  # redelivered
    assert {job for job, _ in runtime.queue.jobs} == {"drain_line_user"}
    seen: list[str] = []

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        await asyncio.sleep(0.001)
        seen.append(ev["message"]["text"])

    # Two drains at once (two jobs for the same user): one takes the lock, nothing runs twice.
    await asyncio.gather(drain_user(runtime, "Ua", handle), drain_user(runtime, "Ua", handle))
    assert seen == ["0", "1", "2", "3", "4"]
    # The same event pushed again by hand is recognised as handled.
    await redis.rpush(inbox_key(runtime, "Ua"), json.dumps({"event": events[0], "received_at": 0}))
    await drain_user(runtime, "Ua", handle)
    assert seen == ["0", "1", "2", "3", "4"]


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
    from backend.jobs.line_events import sweep_line_inboxes

    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    await enqueue_events(runtime, [event("Uc", 1)])
    runtime.queue.jobs.clear()  # the drain job was lost with a crashed worker
    assert await pending_inboxes(runtime) == ["Uc"]
    assert await sweep_line_inboxes({"runtime": runtime}) == 1
    assert runtime.queue.jobs == [("drain_line_user", ("Uc",))]


async def test_flood_is_marked_over_limit(redis: Any, test_settings: Any) -> None:
    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    await enqueue_events(runtime, [event("Ud", n) for n in range(30)])
    flags: list[bool] = []

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        flags.append(over_limit)

    await drain_user(runtime, "Ud", handle)
    assert flags[:12] == [False] * 12 and all(flags[12:])
