"""Pushes the bot sends outside a conversation (a waitlisted member got a seat)."""

from __future__ import annotations

import logging
from typing import Any

from backend.thai_dates import thai_date
from bot.render import texts
from bot.render.messages import message_action, text

log = logging.getLogger(__name__)


async def notify_promotion(runtime: Any, promotion: Any) -> bool:
    """Tell a promoted member they have a seat (never pushes to inactive or deleted members)."""
    from backend.services import members

    if not promotion.line_user_id or not await members.can_receive_pushes(promotion.member_id):
        return False
    line = runtime.extras["line"]
    body = texts.PROMOTED.format(course=promotion.course_title_th, no=promotion.session_no,
                                 dates=thai_date(promotion.start_date))
    result = await line.push(
        user_id=promotion.line_user_id,
        messages=[text(body, quick=[message_action(texts.INTENT_LABELS["my_registrations"])])],
        retry_key=None,
    )
    if not result.delivered:
        log.warning("promotion push not delivered: %s", result.outcome)
    return result.delivered
