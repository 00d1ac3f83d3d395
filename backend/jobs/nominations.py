"""Nomination pushes: a coordinator's nomination is queued as `push_nominations` (off the request path); the
worker asks the member through the notifier port, under a stable retry key, and a sweep tries again the pushes
the channel did not accept."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from arq import cron

from backend.runtime import Runtime
from backend.services import coordination
from backend.services.session_seats import SessionInfo

log = logging.getLogger(__name__)
RETRY_NAMESPACE = uuid.UUID("8f1d6c52-3b7a-4e0f-9c21-6a4b2d9e0c33")
SWEEP_DAYS = 7


def _place(session: SessionInfo) -> str:
    if session.online:
        return "ออนไลน์"
    return " · ".join(p for p in (session.venue, session.province) if p) or "-"


async def push_nominations(ctx: dict[str, Any], nomination_ids: list[int]) -> int:
    """Ask each nominated member (pending, not pushed yet); returns how many pushes were accepted."""
    runtime: Runtime = ctx["runtime"]
    sent = 0
    for nomination_id in nomination_ids:
        push = await coordination.nomination_to_push(nomination_id, clock=runtime.clock)
        if push is None:
            continue
        session = push.session
        result = await runtime.notifier.nominated(
            line_user_id=push.line_user_id, nomination_id=push.nomination_id, agency_name=push.agency_name,
            course_title=session.course_title_th, session_no=session.no, start_date=session.start_date,
            end_date=session.end_date, place=_place(session), full=session.seats_left <= 0,
            retry_key=str(uuid.uuid5(RETRY_NAMESPACE, f"nomination:{nomination_id}:{session.id}")))
        if not result.final:
            log.warning("nomination %s not pushed yet: %s", nomination_id, result.outcome)
            continue
        await coordination.mark_nomination_pushed(nomination_id, result.outcome, now=runtime.clock.utcnow())
        sent += int(result.delivered)
    return sent


async def sweep_nomination_pushes(ctx: dict[str, Any]) -> int:
    """Push the nominations of the last week whose push has not gone out (the channel was down)."""
    runtime: Runtime = ctx["runtime"]
    since = runtime.clock.utcnow() - dt.timedelta(days=SWEEP_DAYS)
    ids = await coordination.unpushed_nominations(since=since)
    return await push_nominations(ctx, ids) if ids else 0


JOBS = [push_nominations, sweep_nomination_pushes]
CRON_JOBS = [cron(sweep_nomination_pushes, minute=set(range(4, 60, 10)), second=20, unique=True)]
