"""The worker process (`python -m app worker`, Procfile `worker:`): the backend's jobs plus the LINE channel's
inbox consumer and sweep, restarted by itself after losing Redis or the database (backend/worker.py)."""

from __future__ import annotations

from app.channel import line_worker_parts, plug_line_channel
from backend.runtime import Runtime
from backend.settings import Settings
from backend.worker import WorkerParts, run_worker


async def plug_worker(runtime: Runtime) -> WorkerParts:
    """A fresh worker runtime: the channel plugged in, the NLU and the search index loaded before the first
    event (every event behind the first one would wait for them)."""
    channel = plug_line_channel(runtime)
    await channel.bot.warm_up()
    return line_worker_parts(channel)


async def run(settings: Settings) -> None:
    await run_worker(settings, plug=plug_worker)
