"""Per-user inboxes: order, each event handled once even when drained concurrently, sweep after a crash."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from arq.constants import job_key_prefix
from arq.jobs import deserialize_job

from backend.runtime import queue_name
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


async def queued_jobs(redis: Any, settings: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """The jobs waiting in the arq queue in Redis (function name and arguments)."""
    jobs = []
    for job_id in await redis.zrange(queue_name(settings), 0, -1):
        raw = await redis.get(job_key_prefix + job_id.decode())
        job = deserialize_job(raw)
        jobs.append((job.function, tuple(job.args)))
    return jobs


def event(user: str, n: int) -> dict[str, Any]:
    return {"type": "message", "webhookEventId": f"01EV{user}{n:04d}", "source": {"type": "user", "userId": user},
            "message": {"type": "text", "text": str(n)}, "timestamp": 0}


async def test_enqueue_dedupes_and_drain_keeps_order_once(redis: Any, test_settings: Any) -> None:
    runtime = FakeRuntime(redis, test_settings, FakeQueue([]))
    events = [event("Ua", n) for n in range(5)]
    assert await enqueue_events(runtime, events) == 5
    assert await enqueue_events(runtime, events[:2]) == 0  # redelivered
    assert await enqueue_events(runtime, [event("Ua", 5)]) == 1  # the inbox is not empty: no second drain
    assert await queued_jobs(redis, test_settings) == [("drain_line_user", ("Ua",))]
    seen: list[str] = []

    async def handle(ev: dict[str, Any], received_at: float, over_limit: bool) -> None:
        await asyncio.sleep(0.001)
        seen.append(ev["message"]["text"])

    # Two drains at once (two jobs for the same user): one takes the lock, nothing runs twice.
    await asyncio.gather(drain_user(runtime, "Ua", handle), drain_user(runtime, "Ua", handle))
    assert seen == ["0", "1", "2", "3", "4", "5"]
    # The same event pushed again by hand is recognised as handled.
    await redis.rpush(inbox_key(runtime, "Ua"), json.dumps({"event": events[0], "received_at": 0}))
    await drain_user(runtime, "Ua", handle)
    assert seen == ["0", "1", "2", "3", "4", "5"]


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
    await redis.delete(queue_name(test_settings))  # the drain job was lost with a crashed worker
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
