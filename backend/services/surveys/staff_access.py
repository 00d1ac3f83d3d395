"""Which sessions a staff member may send surveys for: admins all of them, trainers their own."""

from __future__ import annotations

import datetime as dt

from backend.clock import BANGKOK
from backend.models import Role, Session, StaffUser
from backend.services.errors import SessionNotFound
from backend.services.surveys.errors import NotYourSession


async def session_for_staff(session_id: int, staff: StaffUser) -> Session:
    """The session when this staff member may manage it (admins: all, trainers: their own)."""
    session = await Session.get_or_none(id=session_id).select_related("course")
    if session is None:
        raise SessionNotFound(session_id=session_id)
    if staff.role != Role.admin and session.trainer_id != staff.id:  # type: ignore[attr-defined]
        raise NotYourSession(session_id=session_id)
    return session


async def sessions_to_evaluate(staff: StaffUser, *, now: dt.datetime) -> list[Session]:
    """The trainer's sessions that started and ended at most 30 days ago, newest first."""
    today = now.astimezone(BANGKOK).date()
    query = Session.filter(start_date__lte=today, end_date__gte=today - dt.timedelta(days=30))
    if staff.role != Role.admin:
        query = query.filter(trainer_id=staff.id)
    return await query.select_related("course").order_by("-end_date", "id").limit(20)
