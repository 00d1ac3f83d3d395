"""The automatic L3 follow-up: 90 days after a session ends its attendees are asked how they use what
they learned (once per session, at 09:00 Bangkok, never in quiet hours)."""

from __future__ import annotations

import datetime as dt

from tortoise.exceptions import IntegrityError

from backend.clock import BANGKOK
from backend.models import Registration, Session, SurveyDispatch
from backend.services.quiet_hours import in_quiet_hours
from backend.services.surveys.dispatch import ATTENDED, DispatchSummary, dispatch_survey

FOLLOWUP_DAYS = 90
FOLLOWUP_TEMPLATE = "l3_followup"
FOLLOWUP_ANSWER_DAYS = 14
FOLLOWUP_SEND_AT = dt.time(9, 0)


def followup_moment(end_date: dt.date) -> dt.datetime:
    day = end_date + dt.timedelta(days=FOLLOWUP_DAYS)
    return dt.datetime.combine(day, FOLLOWUP_SEND_AT, tzinfo=BANGKOK).astimezone(dt.UTC)


async def create_due_followups(*, now: dt.datetime) -> list[DispatchSummary]:
    """L3 follow-up dispatches for sessions that ended 90 days ago (once per session, daytime only)."""
    if in_quiet_hours(now):
        return []
    latest_end = (now.astimezone(BANGKOK) - dt.timedelta(days=FOLLOWUP_DAYS)).date()
    earliest_end = latest_end - dt.timedelta(days=30)  # do not resurrect very old sessions
    sessions = await Session.filter(end_date__lte=latest_end, end_date__gte=earliest_end).select_related("course")
    created: list[DispatchSummary] = []
    for session in sessions:
        if now < followup_moment(session.end_date):
            continue
        key = f"followup:{FOLLOWUP_TEMPLATE}:{session.id}"
        if await SurveyDispatch.exists(dedupe_key=key):
            continue
        if not await Registration.exists(session_id=session.id, status__in=ATTENDED):
            continue
        try:
            created.append(await dispatch_survey(
                session=session, template_code=FOLLOWUP_TEMPLATE, now=now, dedupe_key=key,
                deadline=now + dt.timedelta(days=FOLLOWUP_ANSWER_DAYS)))
        except IntegrityError:
            continue
    return created
