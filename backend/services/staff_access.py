"""The sessions a staff member manages: admins all of them, trainers the ones they run.

Surveys, attendance, reports, certificates and the admin pages look sessions up here.
"""

from __future__ import annotations

from backend.models import Role, Session, StaffUser
from backend.services.errors import NotAllowed, SessionNotFound


class NotYourSession(NotAllowed):
    code = "not_your_session"
    default_detail = "trainers may only manage their own sessions"
    default_message_th = "ขออภัยค่ะ รุ่นนี้ไม่ได้อยู่ในความรับผิดชอบของท่าน"


async def find_session(session_id: int) -> Session | None:
    """A session with its course, or None."""
    return await Session.get_or_none(id=session_id).select_related("course")


async def session_for_staff(session_id: int, staff: StaffUser) -> Session:
    """The session (with its course) when this staff member may manage it (admins: all, trainers: their own).
    Raises SessionNotFound, NotYourSession."""
    session = await find_session(session_id)
    if session is None:
        raise SessionNotFound(session_id=session_id)
    if staff.role != Role.admin and session.trainer_id != staff.id:
        raise NotYourSession(session_id=session_id)
    return session


async def sessions_of_trainer(trainer_id: int) -> list[Session]:
    """Every session a trainer runs, with its course, the latest start first."""
    return await Session.filter(trainer_id=trainer_id).order_by("-start_date").prefetch_related("course")
