"""Plugging the LINE channel into a runtime: its notifier and LINE client become the runtime's ports."""

from __future__ import annotations

from backend.runtime import Runtime
from backend.worker import WorkerParts
from bot import jobs as line_jobs
from bot.channel import LineChannel, open_line_channel


def plug_line_channel(runtime: Runtime) -> LineChannel:
    channel = open_line_channel(runtime)
    runtime.notifier = channel.notifier
    runtime.multicaster = channel.line
    runtime.channel_memory = channel
    if channel.identity is not None:
        runtime.identity = channel.identity
    return channel


def line_worker_parts(channel: LineChannel) -> WorkerParts:
    """What the channel adds to a worker: the inbox sweep (a job and its cron) and the inbox consumer."""
    return WorkerParts(jobs=line_jobs.JOBS, cron_jobs=line_jobs.CRON_JOBS, services=[channel.consume_inboxes])
