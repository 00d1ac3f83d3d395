"""Nominations: a coordinator puts a member of their agency forward for a session; the member is asked in LINE
(a job pushes the question) and accepts or declines. Accepting registers them through
`registration.register_member_for_session`, so capacity and the waitlist work exactly as when they register
themselves; declining is recorded. The coordinator sees each nomination's status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from backend.clock import Clock
from backend.models import Member, Nomination, NominationStatus, Registration, RegistrationStatus
from backend.services import audit, registration
from backend.services.coordination.units import agency_units
from backend.services.errors import (
    AlreadyRegistered,
    Conflict,
    MemberNotFound,
    NotFound,
    RegistrationClosed,
    RegistrationNotOpenYet,
    SessionCancelled,
    SessionPast,
)
from backend.services.members.naming import full_official_name
from backend.services.session_seats import SessionInfo, get_session

_CLOSED = {"cancelled": SessionCancelled, "past": SessionPast, "not_open_yet": RegistrationNotOpenYet,
           "closed": RegistrationClosed, "course_unavailable": RegistrationClosed}


class AlreadyNominated(Conflict):
    code = "already_nominated"
    default_detail = "this member is already nominated for this session"
    default_message_th = "บุคลากรนี้ได้รับการเสนอชื่อเข้ารุ่นนี้แล้ว"


class NotReachable(Conflict):
    code = "member_not_reachable"
    default_detail = "this member no longer follows the LINE account, so cannot be asked"
    default_message_th = "บุคลากรนี้ไม่ได้ติดตามบัญชี LINE ของบริการแล้ว จึงแจ้งการเสนอชื่อไม่ได้"


class NominationNotFound(NotFound):
    code = "nomination_not_found"
    default_detail = "nomination not found"
    default_message_th = "ไม่พบการเสนอชื่อนี้"


@dataclass(frozen=True)
class NominationInfo:
    id: int
    member_id: int
    member_name: str
    session_id: int
    course_code: str
    course_title_th: str
    session_no: int
    start_date: dt.date
    end_date: dt.date
    status: str
    """pending | accepted | declined"""
    outcome: str
    """After acceptance: registered | waitlisted (as the registration stands now: a waitlisted member who moved
    up reads registered, one who cancelled later reads cancelled)."""
    waitlist_position: int | None
    pushed: bool
    created_at: dt.datetime
    answered_at: dt.datetime | None


@dataclass(frozen=True)
class NominationPush:
    """What the member is asked (the channel builds the message)."""

    nomination_id: int
    member_id: int
    line_user_id: str
    agency_name: str
    session: SessionInfo


@dataclass(frozen=True)
class NominationAnswer:
    nomination_id: int
    status: str
    """accepted | declined, or what it already was when answered before"""
    answered_now: bool
    registration: registration.RegistrationResult | None
    session: SessionInfo


async def nominate(*, agency_id: int, member_id: int, session_id: int, staff_id: int | None, actor: str,
                   clock: Clock) -> NominationInfo:
    """Nominate a member of the agency for a session open for registration (audited).

    Raises MemberNotFound (not a current member of this agency: another agency's people are not revealed),
    NotReachable (they unfollowed the LINE account), SessionNotFound, the registration-state errors (closed,
    past, cancelled...), AlreadyRegistered, AlreadyNominated.
    """
    member = await Member.get_or_none(id=member_id, agency_id__in=await agency_units(agency_id),
                                      deleted_at__isnull=True)
    if member is None:
        raise MemberNotFound(f"member {member_id} not found in this agency", message_th="ไม่พบบุคลากรนี้ในหน่วยงาน")
    if not member.line_user_id or not member.active:
        raise NotReachable(member_id=member_id)
    session = await get_session(session_id, clock=clock)
    if session.registration_state != "open":
        raise _CLOSED.get(session.registration_state, RegistrationClosed)()
    active = await Registration.filter(member_id=member_id, session_id=session_id).exclude(
        status=RegistrationStatus.cancelled).first()
    if active is not None:
        raise AlreadyRegistered(registration_id=active.id, status=str(active.status),
                                message_th="บุคลากรนี้สมัครรุ่นนี้แล้ว")
    now = clock.utcnow()
    existing = await Nomination.get_or_none(member_id=member_id, session_id=session_id)
    if existing is not None and existing.status == NominationStatus.pending:
        raise AlreadyNominated(nomination_id=existing.id)
    if existing is not None:  # declined (or accepted, then cancelled): asked again
        existing.status = NominationStatus.pending
        existing.agency_id = agency_id
        existing.nominated_by_id = staff_id
        existing.registration_id = None
        existing.outcome = ""
        existing.pushed_at = None
        existing.push_outcome = ""
        existing.answered_at = None
        existing.created_at = now
        await existing.save()
        nomination = existing
    else:
        nomination = await Nomination.create(member_id=member_id, session_id=session_id, agency_id=agency_id,
                                             nominated_by_id=staff_id, created_at=now)
    await audit.record(actor=actor, action="nomination.create", target_type="nomination", target_id=nomination.id,
                       details={"member_id": member_id, "session_id": session_id, "agency_id": agency_id})
    return (await list_nominations(agency_id, ids=[nomination.id]))[0]


async def list_nominations(agency_id: int, *, ids: list[int] | None = None, limit: int = 500
                           ) -> list[NominationInfo]:
    """The nominations made for the agency or its sub-units, or of their staff, the latest first."""
    units = await agency_units(agency_id)
    query = Nomination.filter(Q(agency_id__in=units) | Q(member__agency_id__in=units), member__deleted_at__isnull=True)
    if ids is not None:
        query = query.filter(id__in=ids)
    rows = await query.order_by("-created_at", "-id").limit(limit).values(
        "id", "member_id", "session_id", "status", "outcome", "pushed_at", "created_at", "answered_at",
        "registration_id", "member__display_name", "member__official_title", "member__official_first_name",
        "member__official_last_name", "session__no", "session__start_date", "session__end_date",
        "session__course__code", "session__course__title_th",
    )
    regs = {r["id"]: r for r in await Registration.filter(
        id__in=[r["registration_id"] for r in rows if r["registration_id"]]).values("id", "session_id", "status")}
    out = []
    for r in rows:
        outcome, position = r["outcome"], None
        reg = regs.get(r["registration_id"])
        if reg is not None:
            outcome = "registered" if reg["status"] in ("registered", "attended", "completed") else str(reg["status"])
            if reg["status"] == RegistrationStatus.waitlisted:
                position = await Registration.filter(session_id=reg["session_id"], status=RegistrationStatus.waitlisted,
                                                     id__lte=reg["id"]).count()
        name = full_official_name(r["member__official_title"], r["member__official_first_name"],
                                  r["member__official_last_name"]) or r["member__display_name"] or ""
        out.append(NominationInfo(
            id=r["id"], member_id=r["member_id"], member_name=name, session_id=r["session_id"],
            course_code=r["session__course__code"], course_title_th=r["session__course__title_th"],
            session_no=r["session__no"], start_date=r["session__start_date"], end_date=r["session__end_date"],
            status=str(r["status"]), outcome=outcome, waitlist_position=position, pushed=r["pushed_at"] is not None,
            created_at=r["created_at"], answered_at=r["answered_at"],
        ))
    return out


async def nomination_to_push(nomination_id: int, *, clock: Clock) -> NominationPush | None:
    """The question to push for a pending nomination not pushed yet, or None (answered, pushed, or the member
    cannot receive pushes)."""
    nomination = await Nomination.get_or_none(id=nomination_id, status=NominationStatus.pending,
                                              pushed_at__isnull=True).select_related("member", "agency")
    if nomination is None:
        return None
    member = nomination.member
    if not member.line_user_id or not member.active or member.deleted_at is not None:
        return None
    return NominationPush(
        nomination_id=nomination.id, member_id=member.id, line_user_id=member.line_user_id,
        agency_name=nomination.agency.name if nomination.agency else "",
        session=await get_session(nomination.session_id, clock=clock),
    )


async def unpushed_nominations(*, since: dt.datetime) -> list[int]:
    """Pending nominations made since `since` whose push has not gone out yet (swept again by the worker)."""
    # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
    return cast(list[int], await Nomination.filter(status=NominationStatus.pending, pushed_at__isnull=True,
                                                   created_at__gte=since).values_list("id", flat=True))


async def mark_nomination_pushed(nomination_id: int, outcome: str, *, now: dt.datetime) -> None:
    await Nomination.filter(id=nomination_id).update(pushed_at=now, push_outcome=outcome[:20])


async def answer_nomination(*, nomination_id: int, member_id: int, accept: bool, clock: Clock) -> NominationAnswer:
    """The member accepts (registered or waitlisted, exactly as self-registration) or declines.

    An answer given before is not changed: the result says what it was (`answered_now` False). Raises
    NominationNotFound (not this member's), and on acceptance what registering raises (closed, past...).
    """
    nomination = await Nomination.get_or_none(id=nomination_id, member_id=member_id)
    if nomination is None:
        raise NominationNotFound(nomination_id=nomination_id)
    session = await get_session(nomination.session_id, clock=clock)
    if nomination.status != NominationStatus.pending:
        return NominationAnswer(nomination_id=nomination.id, status=str(nomination.status), answered_now=False,
                                registration=None, session=session)
    now = clock.utcnow()
    if not accept:
        updated = await Nomination.filter(id=nomination.id, status=NominationStatus.pending).update(
            status=NominationStatus.declined, answered_at=now)
        return NominationAnswer(nomination_id=nomination.id, status="declined", answered_now=bool(updated),
                                registration=None, session=session)
    try:
        result = await registration.register_member_for_session(
            member_id=member_id, session_id=nomination.session_id, actor=f"line:{member_id}", clock=clock)
    except AlreadyRegistered as exc:  # a second tap, or they had registered themselves meanwhile
        registration_id = exc.context.get("registration_id")
        await Nomination.filter(id=nomination.id, status=NominationStatus.pending).update(
            status=NominationStatus.accepted, answered_at=now, registration_id=registration_id,
            outcome=str(exc.context.get("status") or ""))
        return NominationAnswer(nomination_id=nomination.id, status="accepted", answered_now=False,
                                registration=None, session=session)
    await Nomination.filter(id=nomination.id).update(
        status=NominationStatus.accepted, answered_at=now, registration_id=result.registration_id,
        outcome=result.status)
    return NominationAnswer(nomination_id=nomination.id, status="accepted", answered_now=True, registration=result,
                            session=result.session)


async def erase_member_nominations(member_id: int, *, using_db: BaseDBAsyncClient | None = None) -> int:
    """Delete every nomination of a member (their personal data is being erased)."""
    query = Nomination.filter(member_id=member_id)
    if using_db is not None:
        query = query.using_db(using_db)
    return int(await query.delete())
