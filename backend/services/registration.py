"""Registering members for sessions: seats, waitlist, cancellation and promotion.

Every change to a session's seats happens in a transaction that first locks the session row
(SELECT ... FOR UPDATE), so capacity is never
exceeded and the waitlist keeps arrival order however many requests come at once. `Session.seats_taken`
counts the seat-holding registrations (registered, attended, completed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.clock import Clock
from backend.models import (
    Course,
    Member,
    Registration,
    RegistrationEvent,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from backend.ports import WaitlistAnnouncer
from backend.services.errors import (
    AlreadyRegistered,
    ConsentRequired,
    CourseNotAvailable,
    MemberNotFound,
    NotCancellable,
    RegistrationClosed,
    RegistrationNotFound,
    RegistrationNotOpenYet,
    SessionCancelled,
    SessionNotFound,
    SessionPast,
)
from backend.services.session_seats import SessionInfo, get_session, registration_state
from backend.services.sql import connection

_STATE_ERRORS = {
    "cancelled": SessionCancelled,
    "course_unavailable": CourseNotAvailable,
    "past": SessionPast,
    "not_open_yet": RegistrationNotOpenYet,
    "closed": RegistrationClosed,
}


@dataclass(frozen=True)
class RegistrationResult:
    registration_id: int
    member_id: int
    session_id: int
    status: str
    """registered | waitlisted"""
    waitlist_position: int | None
    """1 = next in line; None when registered."""
    session: SessionInfo


@dataclass(frozen=True)
class Promotion:
    """A waitlisted member who got a seat; the caller tells them (push message)."""

    registration_id: int
    member_id: int
    line_user_id: str | None
    session_id: int
    course_code: str
    course_title_th: str
    session_no: int
    start_date: dt.date


@dataclass(frozen=True)
class CancelResult:
    registration_id: int
    member_id: int
    session_id: int
    previous_status: str
    promoted: Promotion | None


@dataclass(frozen=True)
class MemberRegistration:
    registration_id: int
    status: str
    session_id: int
    session_no: int
    course_code: str
    course_title_th: str
    start_date: dt.date
    end_date: dt.date
    province: str | None
    online: bool
    venue: str
    session_status: str
    waitlist_position: int | None
    upcoming: bool
    """The session has not ended yet."""
    cancellable: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class SessionRegistrant:
    registration_id: int
    member_id: int
    display_name: str
    agency: str
    position: str
    target_group: str | None
    status: str
    waitlist_position: int | None
    registered_at: dt.datetime | None
    created_at: dt.datetime


def _active_key(member_id: int, session_id: int) -> str:
    return f"{member_id}:{session_id}"


async def _waitlist_position(conn: BaseDBAsyncClient, registration: Registration) -> int:
    return await Registration.filter(
        session_id=registration.session_id, status=RegistrationStatus.waitlisted, id__lte=registration.id
    ).using_db(conn).count()


async def register_member_for_session(
    *, member_id: int, session_id: int, actor: str, clock: Clock
) -> RegistrationResult:
    """Register a member for a session, or put them on its waitlist when it is full.

    Raises MemberNotFound, ConsentRequired, SessionNotFound, SessionCancelled, CourseNotAvailable, SessionPast,
    RegistrationNotOpenYet, RegistrationClosed, AlreadyRegistered (context: registration_id, status).
    """
    today = clock.today()
    member = await Member.get_or_none(id=member_id, deleted_at__isnull=True)
    if member is None:
        raise MemberNotFound(f"member {member_id} not found")
    if member.consent_at is None:
        raise ConsentRequired()
    try:
        async with in_transaction() as conn:
            session = await Session.filter(id=session_id).using_db(conn).select_for_update().first()
            if session is None:
                raise SessionNotFound(f"session {session_id} not found")
            course_status = (await Course.filter(id=session.course_id).using_db(conn)
                             .values_list("status", flat=True))[0]
            state = registration_state(
                status=str(session.status), start_date=session.start_date,
                registration_opens=session.registration_opens, registration_closes=session.registration_closes,
                course_status=str(course_status), today=today,
            )
            if state != "open":
                raise _STATE_ERRORS[state]()
            # A second active registration of this member (a double tap, or the same member in parallel) is
            # refused by the unique active_key: the insert below fails and the transaction rolls back.
            key = _active_key(member_id, session_id)
            now = clock.utcnow()
            if session.seats_taken < session.capacity:
                status = RegistrationStatus.registered
                session.seats_taken += 1
                await session.save(update_fields=["seats_taken"], using_db=conn)
                registration = await Registration.create(
                    member_id=member_id, session_id=session_id, status=status, active_key=key, registered_at=now,
                    using_db=conn,
                )
                position = None
            else:
                status = RegistrationStatus.waitlisted
                registration = await Registration.create(
                    member_id=member_id, session_id=session_id, status=status, active_key=key, waitlisted_at=now,
                    using_db=conn,
                )
                position = await _waitlist_position(conn, registration)
            await RegistrationEvent.create(registration=registration, kind=status.value, actor=actor, using_db=conn)
    except IntegrityError as exc:  # the member already holds this session (unique active_key)
        existing = await Registration.filter(active_key=_active_key(member_id, session_id)).first()
        raise AlreadyRegistered(
            registration_id=existing.id if existing else None, status=str(existing.status) if existing else None
        ) from exc
    return RegistrationResult(
        registration_id=registration.id, member_id=member_id, session_id=session_id, status=status.value,
        waitlist_position=position, session=await get_session(session_id, clock=clock),
    )


async def fill_free_seats(session: Session, *, actor: str, conn: BaseDBAsyncClient, clock: Clock) -> list[Promotion]:
    """Move waitlisted members up, first come first served, while seats are free.

    The caller holds the session row lock inside transaction `conn`. Sessions that already started
    promote nobody.
    """
    today = clock.today()
    promotions: list[Promotion] = []
    if session.status != SessionStatus.open or session.start_date < today:
        return promotions
    course = None
    while session.seats_taken < session.capacity:
        waiting = await (Registration.filter(session_id=session.id, status=RegistrationStatus.waitlisted)
                         .using_db(conn).order_by("id").first())
        if waiting is None:
            break
        now = clock.utcnow()
        waiting.status = RegistrationStatus.registered
        waiting.promoted_at = now
        waiting.registered_at = now
        await waiting.save(update_fields=["status", "promoted_at", "registered_at", "updated_at"], using_db=conn)
        session.seats_taken += 1
        await session.save(update_fields=["seats_taken"], using_db=conn)
        await RegistrationEvent.create(registration=waiting, kind="promoted", actor=actor, using_db=conn)
        if course is None:
            course = await Course.get(id=session.course_id, using_db=conn)
        # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
        line_ids = cast(list[str | None], await Member.filter(id=waiting.member_id).using_db(conn).values_list(
            "line_user_id", flat=True))
        promotions.append(Promotion(
            registration_id=waiting.id, member_id=waiting.member_id,
            line_user_id=line_ids[0] if line_ids else None, session_id=session.id, course_code=course.code,
            course_title_th=course.title_th, session_no=session.no, start_date=session.start_date,
        ))
    return promotions


async def get_promotion(registration_id: int) -> Promotion | None:
    """The promotion behind a registration that moved up from the waitlist (for a later push)."""
    registration = await Registration.get_or_none(id=registration_id).select_related("member", "session__course")
    if registration is None or registration.promoted_at is None:
        return None
    session = registration.session
    return Promotion(
        registration_id=registration.id, member_id=registration.member.id,
        line_user_id=registration.member.line_user_id, session_id=session.id, course_code=session.course.code,
        course_title_th=session.course.title_th, session_no=session.no, start_date=session.start_date,
    )


async def cancel_registration(
    *, registration_id: int, actor: str, clock: Clock, announcer: WaitlistAnnouncer, member_id: int | None = None
) -> CancelResult:
    """Cancel a registration or waitlist place; a freed seat goes to the first waitlisted member, whose
    promotion is announced (they are told) once the change is committed.

    With `member_id` the registration must be theirs (otherwise RegistrationNotFound, revealing nothing).
    Raises RegistrationNotFound, NotCancellable (already cancelled, attended, or the session has started).
    The result's `promoted` names who got the seat.
    """
    today = clock.today()
    first = await Registration.get_or_none(id=registration_id)
    if first is None or (member_id is not None and first.member_id != member_id):
        raise RegistrationNotFound(f"registration {registration_id} not found")
    async with in_transaction() as conn:
        session = await Session.filter(id=first.session_id).using_db(conn).select_for_update().first()
        registration = await Registration.get(id=registration_id, using_db=conn)
        assert session is not None
        previous = RegistrationStatus(registration.status)
        if previous == RegistrationStatus.cancelled:
            raise NotCancellable("registration is already cancelled", message_th="รายการนี้ถูกยกเลิกไปแล้วค่ะ")
        if previous in (RegistrationStatus.attended, RegistrationStatus.completed):
            raise NotCancellable("attendance is already recorded",
                                 message_th="ขออภัยค่ะ รายการนี้บันทึกการเข้าอบรมแล้ว จึงยกเลิกไม่ได้")
        if session.start_date < today:
            raise NotCancellable("the session has already started",
                                 message_th="ขออภัยค่ะ รุ่นนี้เริ่มอบรมไปแล้ว จึงยกเลิกไม่ได้")
        registration.status = RegistrationStatus.cancelled
        registration.cancelled_at = clock.utcnow()
        registration.active_key = None
        await registration.save(update_fields=["status", "cancelled_at", "active_key", "updated_at"], using_db=conn)
        await RegistrationEvent.create(registration=registration, kind="cancelled", actor=actor, using_db=conn)
        promotions: list[Promotion] = []
        if previous == RegistrationStatus.registered:
            session.seats_taken = max(0, session.seats_taken - 1)
            await session.save(update_fields=["seats_taken"], using_db=conn)
            promotions = await fill_free_seats(session, actor=actor, conn=conn, clock=clock)
    await announcer.waitlist_promoted([p.registration_id for p in promotions])
    return CancelResult(
        registration_id=registration.id, member_id=registration.member_id,
        session_id=session.id, previous_status=previous.value, promoted=promotions[0] if promotions else None,
    )


_MEMBER_REGISTRATIONS_SQL = (
    "SELECT r.id, r.status, r.session_id, r.created_at, s.no AS session__no, s.start_date AS session__start_date,"
    " s.end_date AS session__end_date, s.province AS session__province, s.online AS session__online,"
    " s.venue AS session__venue, s.status AS session__status, c.code AS session__course__code,"
    " c.title_th AS session__course__title_th,"
    " CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM registration w WHERE w.session_id = r.session_id"
    " AND w.status = 'waitlisted' AND w.id <= r.id) END AS waitlist_position"
    " FROM registration r JOIN session s ON s.id = r.session_id JOIN course c ON c.id = s.course_id"
    " WHERE r.member_id = $1 AND ($2 OR r.status <> 'cancelled')"
)


async def list_member_registrations(
    member_id: int, *, clock: Clock, include_cancelled: bool = False
) -> list[MemberRegistration]:
    """A member's registrations: upcoming ones first (soonest first), then past ones (latest first)."""
    today = clock.today()
    # One fixed statement (prepared once per connection), waitlist positions included: the bot reads it for
    # every "my courses".
    rows = await connection().execute_query_dict(_MEMBER_REGISTRATIONS_SQL, [member_id, include_cancelled])
    items = [
        MemberRegistration(
            registration_id=r["id"], status=str(r["status"]), session_id=r["session_id"], session_no=r["session__no"],
            course_code=r["session__course__code"], course_title_th=r["session__course__title_th"],
            start_date=r["session__start_date"], end_date=r["session__end_date"], province=r["session__province"],
            online=bool(r["session__online"]), venue=r["session__venue"] or "",
            session_status=str(r["session__status"]), waitlist_position=r["waitlist_position"],
            upcoming=r["session__end_date"] >= today,
            cancellable=str(r["status"]) in ("registered", "waitlisted") and r["session__start_date"] >= today,
            created_at=r["created_at"],
        )
        for r in rows
    ]
    upcoming = sorted((i for i in items if i.upcoming), key=lambda i: (i.start_date, i.registration_id))
    past = sorted((i for i in items if not i.upcoming), key=lambda i: (i.start_date, i.registration_id), reverse=True)
    return upcoming + past


async def get_member_registration(
    *, registration_id: int, member_id: int, clock: Clock
) -> MemberRegistration:
    """One of a member's registrations (e.g. to confirm a cancellation). Raises RegistrationNotFound."""
    for item in await list_member_registrations(member_id, include_cancelled=True, clock=clock):
        if item.registration_id == registration_id:
            return item
    raise RegistrationNotFound(f"registration {registration_id} not found")


async def session_registrations(session_id: int, *, include_cancelled: bool = False) -> list[SessionRegistrant]:
    """Who registered for a session, in arrival order (for the trainer and admins). Raises SessionNotFound."""
    if not await Session.filter(id=session_id).exists():
        raise SessionNotFound(f"session {session_id} not found")
    query = Registration.filter(session_id=session_id)
    if not include_cancelled:
        query = query.exclude(status=RegistrationStatus.cancelled)
    rows = await query.order_by("id").values(
        "id", "member_id", "status", "registered_at", "created_at", "member__display_name",
        "member__agency__name", "member__agency_text", "member__position", "member__target_group_id",
    )
    position = 0
    out = []
    for r in rows:
        wait = None
        if r["status"] == RegistrationStatus.waitlisted:
            position += 1
            wait = position
        out.append(SessionRegistrant(
            registration_id=r["id"], member_id=r["member_id"], display_name=r["member__display_name"] or "",
            agency=r["member__agency__name"] or r["member__agency_text"] or "", position=r["member__position"] or "",
            target_group=r["member__target_group_id"], status=str(r["status"]), waitlist_position=wait,
            registered_at=r["registered_at"], created_at=r["created_at"],
        ))
    return out
