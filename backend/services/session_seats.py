"""A session (รุ่น) as members see it: dates, seats taken and left, waitlist size, and whether it takes
registrations today.

Both the catalogue (which shows sessions) and registration (which fills their seats) read sessions
through this module; it depends on neither of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from backend.clock import Clock
from backend.models import Course, CourseStatus, Session, SessionStatus
from backend.services.errors import SessionNotFound
from backend.services.sql import Params, connection


@dataclass
class SessionInfo:
    id: int
    course_code: str
    course_title_th: str
    no: int
    start_date: dt.date
    end_date: dt.date
    province: str | None
    online: bool
    venue: str
    capacity: int
    seats_taken: int
    waitlisted: int
    registration_opens: dt.date | None
    registration_closes: dt.date | None
    status: str
    trainer_id: int | None
    registration_state: str
    """open | not_open_yet | closed | past | cancelled | course_unavailable"""

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.seats_taken)

    @property
    def is_open_for_registration(self) -> bool:
        """Registration is accepted today (a full session still takes people onto its waitlist)."""
        return self.registration_state == "open"


def registration_state(
    *,
    status: str,
    start_date: dt.date,
    registration_opens: dt.date | None,
    registration_closes: dt.date | None,
    course_status: str,
    today: dt.date,
) -> str:
    """Whether a session takes registrations today, and if not, why.

    A session without an explicit closing date takes registrations up to and including its start date.
    """
    if status == SessionStatus.cancelled:
        return "cancelled"
    if course_status != CourseStatus.active:
        return "course_unavailable"
    if start_date < today:
        return "past"
    if registration_opens is not None and today < registration_opens:
        return "not_open_yet"
    if today > (registration_closes or start_date):
        return "closed"
    return "open"


def check_session_dates(
    start: dt.date | None, end: dt.date | None, opens: dt.date | None, closes: dt.date | None
) -> None:
    """The dates of a session are in order; ValueError naming the first that is not."""
    if start and end and end < start:
        raise ValueError("end_date must not be before start_date")
    if opens and closes and closes < opens:
        raise ValueError("registration_closes must not be before registration_opens")
    if closes and end and closes > end:
        raise ValueError("registration_closes must not be after end_date")


SESSION_FIELDS = (
    "id", "course_id", "no", "start_date", "end_date", "province", "online", "venue", "capacity", "seats_taken",
    "registration_opens", "registration_closes", "status", "trainer_id",
)
"""The session columns session_info() reads."""


def session_info(
    row: dict[str, Any], *, course_code: str, course_title: str, course_status: str, today: dt.date,
    waitlisted: int = 0,
) -> SessionInfo:
    """SessionInfo from a row of SESSION_FIELDS and its course."""
    start = row["start_date"]
    opens = row["registration_opens"]
    closes = row["registration_closes"]
    assert start is not None
    return SessionInfo(
        id=row["id"], course_code=course_code, course_title_th=course_title, no=row["no"],
        start_date=start, end_date=row["end_date"] or start, province=row["province"],
        online=bool(row["online"]), venue=row["venue"] or "", capacity=row["capacity"],
        seats_taken=row["seats_taken"], waitlisted=waitlisted, registration_opens=opens,
        registration_closes=closes, status=str(row["status"]), trainer_id=row["trainer_id"],
        registration_state=registration_state(
            status=str(row["status"]), start_date=start, registration_opens=opens, registration_closes=closes,
            course_status=course_status, today=today,
        ),
    )


async def waitlist_counts(session_ids: Sequence[int]) -> dict[int, int]:
    """Session id -> number of members on its waitlist (sessions without any are left out)."""
    if not session_ids:
        return {}
    conn = connection()
    p = Params()
    rows = await conn.execute_query_dict(
        f"SELECT session_id, COUNT(*) AS n FROM registration WHERE status = {p('waitlisted')} "
        f"AND {p.is_in('session_id', session_ids)} GROUP BY session_id",
        p.values,
    )
    return {r["session_id"]: int(r["n"]) for r in rows}


async def get_session(session_id: int, *, clock: Clock) -> SessionInfo:
    """One session with its course code and title, seats and registration state. Raises SessionNotFound."""
    today = clock.today()
    rows = await Session.filter(id=session_id).values(*SESSION_FIELDS)
    if not rows:
        raise SessionNotFound(f"session {session_id} not found")
    course = await Course.get(id=rows[0]["course_id"])
    waits = await waitlist_counts([session_id])
    return session_info(rows[0], course_code=course.code, course_title=course.title_th,
                        course_status=str(course.status), today=today, waitlisted=waits.get(session_id, 0))


async def session_trainer_id(session_id: int) -> int | None:
    """The trainer of a session (for permission checks). Raises SessionNotFound."""
    rows = await Session.filter(id=session_id).values("trainer_id")
    if not rows:
        raise SessionNotFound(f"session {session_id} not found")
    trainer_id: int | None = rows[0]["trainer_id"]
    return trainer_id
