"""A coordinator's nomination as the member reads it (pushed), with the accept / decline buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from backend.thai_dates import thai_date_range
from bot.render import texts
from bot.render.messages import Message, message_action, postback_action, text

PB_ACCEPT = "nom_yes"
PB_DECLINE = "nom_no"
ANSWER_TTL_SECONDS = 60 * 24 * 3600  # the session's own registration window decides in the end


def nomination_message(*, nomination_id: int, agency_name: str, course_title: str, session_no: int,
                       start_date: dt.date, end_date: dt.date, place: str, full: bool,
                       pb: Callable[..., str]) -> Message:
    body = texts.NOMINATED.format(agency=f" ({agency_name})" if agency_name else "", course=course_title,
                                  no=session_no, dates=thai_date_range(start_date, end_date), place=place)
    if full:
        body += "\n" + texts.NOMINATED_FULL
    return text(body, quick=[
        postback_action(texts.NOMINATION_ACCEPT, pb(PB_ACCEPT, ttl_seconds=ANSWER_TTL_SECONDS, n=nomination_id),
                        display_text=texts.NOMINATION_ACCEPT),
        postback_action(texts.NOMINATION_DECLINE, pb(PB_DECLINE, ttl_seconds=ANSWER_TTL_SECONDS, n=nomination_id),
                        display_text=texts.NOMINATION_DECLINE),
    ])


def declined_message() -> Message:
    return text(texts.NOMINATION_DECLINED, quick=[message_action(texts.RECOMMEND_MENU)])


def answered_before(status: str) -> Message:
    return text(texts.NOMINATION_ANSWERED.get(status, texts.NOMINATION_ANSWERED["accepted"]),
                quick=[message_action(texts.INTENT_LABELS["my_registrations"])])
