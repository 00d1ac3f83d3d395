"""Broadcasts reach exactly their audience in the LINE emulator, once, even across a worker crash."""

from __future__ import annotations

import asyncio
import datetime as dt
from types import SimpleNamespace

import pytest
from redis.commands.core import AsyncScript
from redis.exceptions import ConnectionError as RedisConnectionError

from backend.jobs.broadcasts import BroadcastRun, RunOutcome, lease_key, run_broadcast, sweep_broadcasts
from backend.models import BatchStatus, Broadcast, BroadcastBatch, BroadcastStatus
from backend.services.audience import AudienceFilter
from backend.services.broadcasts import (
    BroadcastConfig,
    BroadcastCreate,
    broadcast_progress,
    cancel_broadcast,
    create_broadcast,
)
from backend.worker import build_worker
from tests.admin.conftest import make_member_batch
from tests.clock import CLOCK

HELLO = [{"type": "text", "text": "ประกาศ: เปิดรับสมัครหลักสูตรใหม่แล้วค่ะ"}]


class DyingLine:
    """The LINE client of a worker that freezes after `calls` multicasts: the last ones reach LINE but
    their answers never come back (delivered, not recorded), then the worker is killed."""

    def __init__(self, line: object, calls: int) -> None:
        self.line, self.calls, self.made = line, calls, 0
        self.frozen = asyncio.Event()

    async def multicast_once(self, **kwargs: object) -> object:
        self.made += 1
        result = await self.line.multicast_once(**kwargs)  # type: ignore[attr-defined]
        if self.made >= self.calls:
            self.frozen.set()
            await asyncio.Event().wait()  # never answers: only cancellation ends this
        return result

    def __getattr__(self, name: str) -> object:
        return getattr(self.line, name)


async def _wait_for_sent_batches(broadcast_id: int, n: int) -> None:
    for _ in range(3000):
        if await BroadcastBatch.filter(broadcast_id=broadcast_id, status=BatchStatus.sent).count() >= n:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"fewer than {n} batches sent")


async def _create(test_settings, audience=None, **kw) -> Broadcast:
    request = BroadcastCreate(audience=audience or AudienceFilter(), messages=HELLO, urgent=True, **kw)
    return await create_broadcast(request, actor="staff:test", now=CLOCK.utcnow())


async def test_filtered_broadcast_reaches_exactly_the_audience(line_world, population, test_settings):
    audience = AudienceFilter(target_groups=["executive"], agency_ids=[population.bangkok.id])
    broadcast = await _create(test_settings, audience)

    outcome = await run_broadcast({"runtime": line_world.runtime}, broadcast.id)

    assert outcome == "completed"
    for name in population.members:
        expected = 1 if name in {"a", "b"} else 0  # inactive and deleted members are never sent to
        assert line_world.multicasts_to(population.user(name)) == expected, name
    assert line_world.emulator.bot_messages(population.user("a")) == HELLO
    await broadcast.refresh_from_db()
    progress = await broadcast_progress(broadcast)
    assert (broadcast.status, progress.sent, progress.failed, progress.remaining) == ("completed", 2, 0, 0)


async def test_course_completion_and_province_filters(line_world, population, test_settings):
    audience = AudienceFilter(course_id=population.course.id, completion="not_completed")
    broadcast = await _create(test_settings, audience)
    await run_broadcast({"runtime": line_world.runtime}, broadcast.id)
    reached = {n for n in population.members if line_world.multicasts_to(population.user(n))}
    assert reached == {"b", "e"}  # registered or attended, not completed; cancelled "d" is not registered


async def test_worker_killed_mid_broadcast_resumes_without_duplicates(line_world, db, test_settings):
    users = await make_member_batch(200)
    line_world.emulator.update_config({"faults": {"delay_seconds": 0.1}})
    runtime = line_world.runtime
    config = BroadcastConfig(rate_per_second=100, batch_size=4, senders=2, lease_seconds=30,
                             plan_page_size=8, retry_base_seconds=0.01)
    broadcast = await _create(test_settings)

    dying = DyingLine(runtime.multicaster, calls=6)
    first = asyncio.create_task(BroadcastRun(runtime, dying, config, broadcast.id).run())
    await asyncio.wait_for(dying.frozen.wait(), 30)
    await asyncio.sleep(0.2)  # the other sender freezes too
    first.cancel()  # the worker dies: its last requests were delivered without being recorded
    await asyncio.gather(first, return_exceptions=True)
    delivered_before = sum(line_world.multicasts_to(u) for u in users)
    assert 0 < delivered_before < len(users)

    second = BroadcastRun(runtime, runtime.multicaster, config, broadcast.id)
    assert await second.run() == RunOutcome.busy  # the dead worker's lease has not run out yet
    await runtime.redis.delete(lease_key(runtime, broadcast.id))  # ... and now it has
    line_world.emulator.update_config({"faults": {"delay_seconds": 0.0}})
    runtime.broadcast_config = config
    assert await sweep_broadcasts({"runtime": runtime}) == 1  # the periodic sweep hands it to a live worker
    worker = build_worker(runtime, burst=True)
    await worker.main()
    await broadcast.refresh_from_db()
    assert broadcast.status == BroadcastStatus.completed

    assert [line_world.multicasts_to(u) for u in users] == [1] * len(users)
    batches = await BroadcastBatch.filter(broadcast_id=broadcast.id).values_list("seq", "status")
    assert sorted(seq for seq, _ in batches) == list(range(1, 51))
    assert {status for _, status in batches} == {BatchStatus.sent}


async def test_cancel_running_broadcast_stops_sending(line_world, db, test_settings):
    users = await make_member_batch(40)
    runtime = line_world.runtime
    config = BroadcastConfig(rate_per_second=10, batch_size=1, senders=1, lease_seconds=3, plan_page_size=4)
    broadcast = await _create(test_settings)
    task = asyncio.create_task(BroadcastRun(runtime, runtime.multicaster, config, broadcast.id).run())
    await _wait_for_sent_batches(broadcast.id, 12)
    await cancel_broadcast(broadcast.id, now=CLOCK.utcnow())
    assert await task == RunOutcome.cancelled
    reached = sum(line_world.multicasts_to(u) for u in users)
    assert 0 < reached < len(users)
    await broadcast.refresh_from_db()
    assert broadcast.status == BroadcastStatus.cancelled
    assert not await BroadcastBatch.filter(broadcast_id=broadcast.id, status=BatchStatus.pending).exists()


async def test_scheduled_broadcast_waits_for_its_time(line_world, population, test_settings):
    later = CLOCK.utcnow() + dt.timedelta(hours=2)
    broadcast = await _create(test_settings, send_at=later)
    assert await run_broadcast({"runtime": line_world.runtime}, broadcast.id) == "not_due"
    assert await sweep_broadcasts({"runtime": line_world.runtime}) == 0
    assert line_world.multicasts_to(population.user("a")) == 0
    await cancel_broadcast(broadcast.id, now=CLOCK.utcnow())
    assert await run_broadcast({"runtime": line_world.runtime}, broadcast.id) == "cancelled"
    assert line_world.multicasts_to(population.user("a")) == 0


async def test_rejected_batch_is_recorded_as_failed(line_world, db, test_settings):
    await make_member_batch(2)
    bad = BroadcastCreate(messages=[{"type": "text", "text": "x" * 10}], urgent=True)
    broadcast = await create_broadcast(bad, actor="staff:test", now=CLOCK.utcnow())
    # A text over LINE's 5,000 characters is refused (400): the batch is failed, not retried forever.
    await Broadcast.filter(id=broadcast.id).update(messages=[{"type": "text", "text": "x" * 6000}])
    assert await run_broadcast({"runtime": line_world.runtime}, broadcast.id) == "completed"
    progress = await broadcast_progress(await Broadcast.get(id=broadcast.id))
    assert (progress.sent, progress.failed) == (0, 2)


async def test_backs_off_on_429_and_retries_500s_with_the_same_key(line_world, db, test_settings):
    users = await make_member_batch(24)
    # LINE allows fewer calls than this worker is configured for, and fails some of them.
    line_world.emulator.update_config({"rate_limits": {"multicast": 8}, "faults": {"error_rate": 0.3, "seed": 7}})
    runtime = line_world.runtime
    config = BroadcastConfig(rate_per_second=100, batch_size=2, senders=3, lease_seconds=5, plan_page_size=6,
                             retry_base_seconds=0.01)
    broadcast = await _create(test_settings)
    assert await BroadcastRun(runtime, runtime.multicaster, config, broadcast.id).run() == RunOutcome.completed
    statuses = [c.status for c in line_world.emulator.calls_to("multicast", accepted_only=False)]
    assert 429 in statuses and 500 in statuses
    assert [line_world.multicasts_to(u) for u in users] == [1] * len(users)
    keys = [c.headers.get("x-line-retry-key") for c in line_world.emulator.calls_to("multicast", accepted_only=False)]
    assert len(set(keys)) == 12  # one key per batch, however many attempts it took


class LosableRedis:
    """The runtime's Redis client, until `lose()`: from then on every command fails as on a dropped server."""

    def __init__(self, real: object, commands: tuple[str, ...] | None = None) -> None:
        self.real, self.commands = real, commands
        self.lost = False
        self.failures = 0
        self.failed = asyncio.Event()

    def lose(self) -> None:
        self.lost = True

    def register_script(self, script: str) -> AsyncScript:
        return AsyncScript(self, script)  # runs EVALSHA through this wrapper

    def __getattr__(self, name: str) -> object:
        attr = getattr(self.real, name)
        if not callable(attr):
            return attr

        async def command(*args: object, **kwargs: object) -> object:
            if self.lost and (self.commands is None or name in self.commands):
                self.failures += 1
                self.failed.set()
                raise RedisConnectionError("Connection refused")
            return await attr(*args, **kwargs)

        return command


class LosingLine:
    """A LINE client that makes Redis go away after `calls` multicasts."""

    def __init__(self, line: object, redis: LosableRedis, calls: int) -> None:
        self.line, self.redis, self.calls, self.made = line, redis, calls, 0

    async def multicast_once(self, **kwargs: object) -> object:
        self.made += 1
        made = self.made
        result = await self.line.multicast_once(**kwargs)  # type: ignore[attr-defined]
        if made == self.calls:
            self.redis.lose()
        return result


def _runtime_with(runtime: object, redis: LosableRedis) -> object:
    return SimpleNamespace(redis=redis, settings=runtime.settings, queue=runtime.queue,  # type: ignore[attr-defined]
                           multicaster=runtime.multicaster, broadcast_config=runtime.broadcast_config,  # type: ignore[attr-defined]
                           clock=runtime.clock)  # type: ignore[attr-defined]


async def test_redis_lost_mid_broadcast_stops_the_run_and_a_later_run_finishes_it(line_world, db, test_settings):
    users = await make_member_batch(200)
    runtime = line_world.runtime
    config = BroadcastConfig(rate_per_second=1000, batch_size=4, senders=2, lease_seconds=30, plan_page_size=8,
                             retry_base_seconds=0.01)
    broadcast = await _create(test_settings)
    redis = LosableRedis(runtime.redis)
    line = LosingLine(runtime.multicaster, redis, calls=6)
    run = BroadcastRun(_runtime_with(runtime, redis), line, config, broadcast.id)  # type: ignore[arg-type]

    # The senders cannot take tokens any more: the run ends (it used to wait forever for them to plan more).
    with pytest.raises(RedisConnectionError):
        await asyncio.wait_for(run.run(), 30)
    made = line.made
    assert 6 <= made < 50  # the calls already under way finish, no new one starts
    assert sum(line_world.multicasts_to(u) for u in users) == made * 4

    # Redis is back; the lease it could not release runs out, and the sweep's run sends the rest once.
    await runtime.redis.delete(lease_key(runtime, broadcast.id))
    rest = BroadcastRun(runtime, runtime.multicaster, config, broadcast.id)
    assert await rest.run() == RunOutcome.completed
    assert [line_world.multicasts_to(u) for u in users] == [1] * len(users)


async def test_lease_renewal_failing_stops_sending(line_world, db, test_settings):
    users = await make_member_batch(40)
    runtime = line_world.runtime
    config = BroadcastConfig(rate_per_second=1000, batch_size=1, senders=1, lease_seconds=0.3, plan_page_size=4)
    broadcast = await _create(test_settings)
    redis = LosableRedis(runtime.redis, commands=("eval",))  # the lease's renew and release fail, tokens do not
    redis.lose()

    class WaitForRenewal:
        """The first multicast answers only once the lease could not be renewed."""

        def __init__(self, line: object) -> None:
            self.line, self.made = line, 0

        async def multicast_once(self, **kwargs: object) -> object:
            self.made += 1
            if self.made == 1:
                await redis.failed.wait()
            return await self.line.multicast_once(**kwargs)  # type: ignore[attr-defined]

    line = WaitForRenewal(runtime.multicaster)
    run = BroadcastRun(_runtime_with(runtime, redis), line, config, broadcast.id)  # type: ignore[arg-type]
    with pytest.raises(RedisConnectionError):  # releasing the lease fails too
        await asyncio.wait_for(run.run(), 30)
    assert line.made == 1  # without a lease nothing more is sent (it used to go on to the end)
    assert sum(line_world.multicasts_to(u) for u in users) == 1
