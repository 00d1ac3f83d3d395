"""The LINE channel's worker jobs: the sweep puts inboxes left behind by a crashed worker back on the ready
list (the inbox consumer itself is a worker service, `LineChannel.consume_inboxes`)."""

from __future__ import annotations

from typing import Any

from arq import cron

from backend.runtime import Runtime
from bot.inbox import mark_ready, pending_inboxes


async def sweep_line_inboxes(ctx: dict[str, Any]) -> int:
    runtime: Runtime = ctx["runtime"]
    users = await pending_inboxes(runtime)
    await mark_ready(runtime, users)
    return len(users)


JOBS = [sweep_line_inboxes]
CRON_JOBS = [cron(sweep_line_inboxes, second={7, 17, 27, 37, 47, 57}, run_at_startup=True)]
