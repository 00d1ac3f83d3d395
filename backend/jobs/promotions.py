"""Waitlist promotions: services announce them (backend.runtime.QueuedAnnouncer queues this job once their
change is committed) and the worker tells each member through the notifier."""

from __future__ import annotations

import logging
from typing import Any

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


JOBS = [push_promotions]
