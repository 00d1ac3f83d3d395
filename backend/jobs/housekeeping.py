"""Small periodic jobs that keep the system tidy."""

from __future__ import annotations

from typing import Any

from arq import cron

from backend.runtime import Runtime


async def heartbeat(ctx: dict[str, Any]) -> None:
    """Record that a worker is alive (shown by /healthz as `worker`)."""
    runtime: Runtime = ctx["runtime"]
    await runtime.redis.set(f"{runtime.settings.redis_prefix}worker:heartbeat", "1", ex=180)


JOBS = [heartbeat]
CRON_JOBS = [cron(heartbeat, second={0, 30}, run_at_startup=True)]
