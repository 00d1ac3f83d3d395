"""Worker side of the LINE channel: the inbox consumer (a service beside the jobs) drains each user's events
in order; the sweep cron puts inboxes left behind by a crash back on the ready list."""

from __future__ import annotations

from typing import Any

from arq import cron

from bot.inbox import consume_ready_inboxes, mark_ready, pending_inboxes

INBOX_DRAINS_PER_WORKER = 64


def _bot(ctx: dict[str, Any]) -> Any:
    runtime = ctx["runtime"]
    bot = runtime.extras.get("bot")
    if bot is None:
        raise RuntimeError("the LINE bot is not attached to this runtime (FEATURE_HOOKS: bot.app:attach_bot_runtime)")
    return bot


async def consume_line_inboxes(ctx: dict[str, Any]) -> None:
    """Worker service: drain users' inboxes as they become ready, until the worker stops."""
    await consume_ready_inboxes(ctx["runtime"], _bot(ctx).handle_event, concurrency=INBOX_DRAINS_PER_WORKER)


async def sweep_line_inboxes(ctx: dict[str, Any]) -> int:
    runtime = ctx["runtime"]
    users = await pending_inboxes(runtime)
    await mark_ready(runtime, users)
    return len(users)


async def push_promotions(ctx: dict[str, Any], registration_ids: list[int]) -> int:
    """Tell members who moved up from a waitlist outside a chat (admin or API changes) that they have a seat."""
    from backend.services import registration
    from bot.notify import notify_promotion

    sent = 0
    for registration_id in registration_ids:
        promotion = await registration.get_promotion(registration_id)
        if promotion is not None and await notify_promotion(ctx["runtime"], promotion):
            sent += 1
    return sent


async def queue_promotion_pushes(queue: Any, promotions: list[Any]) -> None:
    """Callers outside the chat (REST API, admin pages) hand promotion pushes to the worker."""
    ids = [p.registration_id for p in promotions]
    if ids:
        await queue.enqueue_job("push_promotions", ids)


JOBS = [sweep_line_inboxes, push_promotions]
CRON_JOBS = [cron(sweep_line_inboxes, second={7, 17, 27, 37, 47, 57}, run_at_startup=True)]
SERVICES = [consume_line_inboxes]
