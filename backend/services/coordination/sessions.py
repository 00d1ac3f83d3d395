"""Sessions a coordinator can nominate staff for: upcoming, of active courses, taking registrations today."""

from __future__ import annotations

from dataclasses import dataclass

from backend.clock import Clock
from backend.models import CourseStatus, Session, SessionStatus
from backend.services.session_seats import SESSION_FIELDS, SessionInfo, session_info, waitlist_counts


@dataclass(frozen=True)
class NominationSession:
    session: SessionInfo
    provider: str


async def sessions_open_for_nomination(*, clock: Clock, limit: int = 300) -> list[NominationSession]:
    """Sessions open for registration today (a full one still takes a waitlist), the soonest first."""
    today = clock.today()
    rows = await Session.filter(status=SessionStatus.open, start_date__gte=today,
                                course__status=CourseStatus.active).order_by("start_date", "id").limit(limit).values(
        *SESSION_FIELDS, "course__code", "course__title_th", "course__status", "course__provider__name")
    waits = await waitlist_counts([r["id"] for r in rows])
    out = []
    for r in rows:
        info = session_info(r, course_code=r["course__code"], course_title=r["course__title_th"],
                            course_status=str(r["course__status"]), today=today, waitlisted=waits.get(r["id"], 0))
        if info.is_open_for_registration:
            out.append(NominationSession(session=info, provider=r["course__provider__name"] or ""))
    return out
