"""The Redis token bucket is one budget for every process that shares its key."""

from __future__ import annotations

from backend.ratelimit import TokenBucket


async def test_two_processes_share_one_bucket(redis):
    first = TokenBucket(redis, "test:bucket:multicast", rate=0.5, capacity=6)
    second = TokenBucket(redis, "test:bucket:multicast", rate=0.5, capacity=6)
    granted = [await (first if i % 2 else second).try_acquire() for i in range(6)]
    assert granted == [0.0] * 6  # a full bucket at once
    wait = await first.try_acquire()
    assert 0 < wait <= 2.0  # then one call per 1/rate seconds, whoever asks
    assert await second.try_acquire() > 0


async def test_drain_after_a_429_empties_the_bucket_for_everyone(redis):
    first = TokenBucket(redis, "test:bucket:drain", rate=50)
    second = TokenBucket(redis, "test:bucket:drain", rate=50)
    assert await first.try_acquire() == 0.0
    await first.drain()
    assert await second.try_acquire() > 0
