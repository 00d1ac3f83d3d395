"""Waitlist promotions decided outside a chat (REST API, admin pages): the member is told by the worker."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from arq.connections import ArqRedis

from backend.runtime import Runtime
from backend.services import registration

log = logging.getLogger(__name__)


async def push_promotions(ctx: dict[str, Any], registration_ids: list[int]) -> int:
    """Tell members who moved up from a waitlist that they have a seat; returns how many were told."""
    runtime: Runtime = ctx["runtime"]
    sent = 0
    for registration_id in registration_ids:
        promotion = await registration.get_promotion(registration_id)
        if promotion is None:
            continue
        if await runtime.notifier.waitlist_promoted(
            member_id=promotion.member_id, line_user_id=promotion.line_user_id,
            course_title=promotion.course_title_th, session_no=promotion.session_no,
            start_date=promotion.start_date,
        ):
            sent += 1
    return sent


async def queue_promotion_pushes(queue: ArqRedis, promotions: Sequence[registration.Promotion]) -> None:
    """Callers outside the chat (REST API, admin pages) hand promotion pushes to the worker."""
    ids = [p.registration_id for p in promotions]
    if ids:
        await queue.enqueue_job("push_promotions", ids)


JOBS = [push_promotions]
