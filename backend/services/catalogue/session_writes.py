"""Changing a course's sessions (รุ่น): add one, change one.

Raising a session's capacity (or reopening it) moves waitlisted members up in the same transaction
(backend.services.registration.fill_free_seats); the caller gets them back to notify them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.clock import Clock
from backend.models import Course, Role, Session, SessionStatus, StaffUser
from backend.ports import WaitlistAnnouncer
from backend.services import audit
from backend.services.catalogue.course_details import course_or_404
from backend.services.catalogue.recent_answers import catalogue_changed
from backend.services.errors import AlreadyExists, Conflict, SessionNotFound, ValidationFailed
from backend.services.provinces import canonical_province
from backend.services.registration import Promotion, fill_free_seats
from backend.services.session_seats import SessionInfo, check_session_dates, get_session

if TYPE_CHECKING:
    from backend.schemas.catalogue import SessionCreate, SessionUpdate


async def _check_trainer(trainer_id: int | None) -> None:
    if trainer_id is None:
        return
    trainer = await StaffUser.get_or_none(id=trainer_id)
    if trainer is None or trainer.role not in (Role.trainer, Role.admin):
        raise ValidationFailed.field("trainer_id", "no such trainer")


def official_province(province: str | None, online: bool) -> str | None:
    """The official name of a session's province; required unless the session is online."""
    if not province:
        if not online:
            raise ValidationFailed.field("province", "required for a session that is not online")
        return None
    name = canonical_province(province)
    if name is None:
        raise ValidationFailed.field("province", "unknown province (use the official Thai name)")
    return name


async def add_session(code: str, data: SessionCreate, *, actor: str, clock: Clock) -> SessionInfo:
    """Add a session (รุ่น) to a course. Raises CourseNotFound, ValidationFailed, AlreadyExists (number)."""
    course = await course_or_404(code)
    province = official_province(data.province, data.online)
    await _check_trainer(data.trainer_id)
    try:
        async with in_transaction() as conn:
            no = data.no
            if no is None:
                last = await Session.filter(course_id=course.id).using_db(conn).order_by("-no").first()
                no = (last.no + 1) if last else 1
            elif await Session.filter(course_id=course.id, no=no).using_db(conn).exists():
                raise AlreadyExists(f"session {no} of {course.code} already exists",
                                    message_th="มีรุ่นหมายเลขนี้อยู่แล้ว")
            session = await Session.create(
                course=course, no=no, start_date=data.start_date, end_date=data.end_date, province=province,
                online=data.online, venue=data.venue, capacity=data.capacity,
                registration_opens=data.registration_opens, registration_closes=data.registration_closes,
                trainer_id=data.trainer_id, using_db=conn,
            )
            await audit.record(actor=actor, action="session.create", target_type="session", target_id=session.id,
                               details={"course": course.code, "no": no}, using_db=conn)
            await _touch_course(course.id, conn, clock)
    except IntegrityError as exc:
        raise AlreadyExists(f"session number taken for {course.code}", message_th="มีรุ่นหมายเลขนี้อยู่แล้ว") from exc
    return await get_session(session.id, clock=clock)


async def update_session(
    session_id: int, data: SessionUpdate, *, actor: str, clock: Clock, announcer: WaitlistAnnouncer
) -> tuple[SessionInfo, list[Promotion]]:
    """Change a session. Raising the capacity moves waitlisted members up: their promotions are announced (they
    are told) once committed, and returned. Raises SessionNotFound, ValidationFailed, Conflict (capacity below
    seats taken).
    """
    changes = data.model_dump(exclude_unset=True)
    for name in ("start_date", "end_date", "capacity", "online", "status"):
        if name in changes and changes[name] is None:
            raise ValidationFailed.field(name, "must not be null")
    if "trainer_id" in changes:
        await _check_trainer(changes["trainer_id"])
    promotions: list[Promotion] = []
    async with in_transaction() as conn:
        session = await Session.filter(id=session_id).using_db(conn).select_for_update().first()
        if session is None:
            raise SessionNotFound(f"session {session_id} not found")
        for name in ("start_date", "end_date", "venue", "capacity", "registration_opens", "registration_closes",
                     "trainer_id", "online"):
            if name in changes:
                setattr(session, name, changes[name] if changes[name] is not None or name != "venue" else "")
        if "province" in changes or "online" in changes:
            session.province = official_province(changes.get("province", session.province), session.online)
        if "status" in changes:
            session.status = SessionStatus(changes["status"])
        try:
            check_session_dates(session.start_date, session.end_date, session.registration_opens,
                                session.registration_closes)
        except ValueError as exc:
            raise ValidationFailed(str(exc), errors=[{"field": "dates", "reason": str(exc)}]) from exc
        if session.capacity < session.seats_taken:
            raise Conflict(
                f"capacity {session.capacity} is below the {session.seats_taken} seats already taken",
                message_th="ลดจำนวนที่นั่งให้น้อยกว่าจำนวนผู้สมัครที่ได้ที่นั่งแล้วไม่ได้",
            )
        await session.save(using_db=conn)
        await audit.record(actor=actor, action="session.update", target_type="session", target_id=session.id,
                           details={"fields": sorted(changes)}, using_db=conn)
        await _touch_course(session.course_id, conn, clock)
        if session.status == SessionStatus.open:
            promotions = await fill_free_seats(session, actor=actor, conn=conn, clock=clock)
    await announcer.waitlist_promoted([p.registration_id for p in promotions])
    return await get_session(session_id, clock=clock), promotions


async def _touch_course(course_id: int, conn: BaseDBAsyncClient, clock: Clock) -> None:
    """A session changed: mark its course updated, so every process's search index notices."""
    await Course.filter(id=course_id).using_db(conn).update(updated_at=clock.utcnow())
    catalogue_changed()

