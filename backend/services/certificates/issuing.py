"""Issuing certificates: a registration that meets its course's rule is completed (ผ่านการอบรม) and, once the
member has given their official name, gets its certificate (number and check code, kept for good).

A certificate is never issued under a LINE display name: without the official name the registration waits,
the member is asked for the name (in chat, on the survey form, or by a push from the certificate job), and
giving it issues every certificate waiting for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.transactions import in_transaction

from backend.clock import BANGKOK, Clock
from backend.models import (
    Certificate,
    Member,
    Registration,
    RegistrationEvent,
    RegistrationStatus,
    SurveyInvite,
)
from backend.services import members
from backend.services.certificates.numbering import new_check_code, next_number
from backend.services.certificates.rules import earned_without_certificate, is_eligible
from backend.services.certificates.views import CertificateNotFound
from backend.services.surveys import ATTENDED

PENDING_DAYS = 180


async def _complete(reg: Registration, *, now: dt.datetime) -> None:
    """The registration met its rule: completed (once), with its event."""
    if reg.status == RegistrationStatus.completed:
        return
    if await Registration.filter(id=reg.id).exclude(status=RegistrationStatus.completed).update(
            status=RegistrationStatus.completed, completed_at=now, updated_at=now):
        await RegistrationEvent.create(registration_id=reg.id, kind="completed", actor="certificate")
    reg.status = RegistrationStatus.completed


async def issue_if_eligible(registration_id: int, *, now: dt.datetime) -> Certificate | None:
    """The registration's certificate when the course's rule is met and the member has given their official
    name (issued once; returns the existing one). A registration that meets the rule is completed even while
    its certificate waits for the name."""
    reg = await Registration.get_or_none(id=registration_id).select_related("session__course", "member")
    if reg is None:
        return None
    existing = await Certificate.get_or_none(registration_id=reg.id)
    if existing is not None:
        return existing
    if not await is_eligible(reg):
        return None
    await _complete(reg, now=now)
    member = reg.member
    name = members.full_official_name(member.official_title, member.official_first_name, member.official_last_name)
    if not name or member.deleted_at is not None:
        return None
    course = reg.session.course
    number = await next_number(now.astimezone(BANGKOK).date())
    try:
        async with in_transaction():
            return await Certificate.create(
                number=number, registration=reg, member_id=reg.member_id,
                course=course, session=reg.session, name_on_certificate=name, hours=course.hours, issued_at=now,
                check_code=new_check_code())
    except IntegrityError:  # issued concurrently; the number stays unused
        return await Certificate.get_or_none(registration_id=reg.id)


async def issue_for_session(session_id: int, *, now: dt.datetime) -> list[Certificate]:
    regs = await Registration.filter(session_id=session_id, status__in=ATTENDED).values("id")
    issued = [await issue_if_eligible(row["id"], now=now) for row in regs]
    return [c for c in issued if c is not None]


def _certified() -> Subquery:
    """The ids of the registrations that have a certificate."""
    return Subquery(Certificate.all().values("registration_id"))


async def issue_pending(*, now: dt.datetime, days: int = PENDING_DAYS) -> list[Certificate]:
    """Certificates earned but not issued yet (sessions that ended within `days`): attendance marked from the
    admin page after the L1 answer, or a completed registration whose member has given their official name
    since. Each candidate is checked again by issue_if_eligible, the one place that decides."""
    since = (now.astimezone(BANGKOK) - dt.timedelta(days=days)).date()
    issued = [await issue_if_eligible(registration_id, now=now)
              for registration_id in await earned_without_certificate(since)]
    return [c for c in issued if c is not None]


async def issue_for_member(member_id: int, *, now: dt.datetime) -> list[Certificate]:
    """Issue the member's certificates that waited for their official name; the new ones, oldest first."""
    regs = await Registration.filter(member_id=member_id, status__in=ATTENDED).exclude(
        id__in=_certified()).order_by("id").values("id")
    issued = [await issue_if_eligible(row["id"], now=now) for row in regs]
    return [c for c in issued if c is not None]


async def waiting_for_official_name(member_id: int) -> bool:
    """The member met a course's rule but has no certificate because they have not given their official name."""
    return await Registration.filter(
        member_id=member_id, status=RegistrationStatus.completed, member__official_first_name="",
        member__deleted_at=None).exclude(id__in=_certified()).exists()


@dataclass(frozen=True)
class AnswerOutcome:
    """What a survey answer did for the member's certificate."""

    new_certificate: bool = False
    """A certificate was issued now (the caller queues the push that announces it)."""
    needs_official_name: bool = False
    """The answer completed the rule, but the certificate waits for the member's official name."""


async def issue_after_answer(registration_id: int | None, *, now: dt.datetime) -> AnswerOutcome:
    """Called after a survey answer (web or chat): the answer may complete the course's rule."""
    if registration_id is None:
        return AnswerOutcome()
    had_one = await Certificate.exists(registration_id=registration_id)
    cert = await issue_if_eligible(registration_id, now=now)
    if cert is not None:
        return AnswerOutcome(new_certificate=not had_one)
    reg = await Registration.get_or_none(id=registration_id)
    waiting = reg is not None and reg.status == RegistrationStatus.completed and not await Member.exists(
        id=reg.member_id, official_first_name__not="")
    return AnswerOutcome(needs_official_name=waiting)


async def form_asks_official_name(*, dispatch_id: int, member_id: int) -> bool:
    """The survey form asks for the official name: the member has none and this survey's answer completes
    (or completed) the rule of a registration that has no certificate yet."""
    invite = await SurveyInvite.get_or_none(dispatch_id=dispatch_id, member_id=member_id).select_related(
        "dispatch__template")
    registration_id = invite.registration_id if invite else None
    if invite is None or registration_id is None:
        return False
    reg = await Registration.get_or_none(id=registration_id).select_related("session", "member")
    if reg is None or reg.member.official_first_name or reg.member.deleted_at is not None:
        return False
    if await Certificate.exists(registration_id=reg.id):
        return False
    dispatch = invite.dispatch
    return await is_eligible(reg, answering=(dispatch.template.level, str(dispatch.phase)))


@dataclass(frozen=True)
class NameRequest:
    member_id: int
    line_user_id: str
    course_title: str


async def official_names_to_request() -> list[NameRequest]:
    """Members whose certificate waits for their official name and who were not asked yet (one per member)."""
    regs = await Registration.filter(
        status=RegistrationStatus.completed, member__official_first_name="", member__deleted_at=None,
        member__active=True, member__line_user_id__isnull=False, member__official_name_requested_at=None,
    ).exclude(id__in=_certified()).select_related("member", "session__course").order_by("id")
    found: dict[int, NameRequest] = {}
    for reg in regs:
        member = reg.member
        found.setdefault(member.id, NameRequest(member_id=member.id, line_user_id=str(member.line_user_id),
                                                course_title=reg.session.course.title_th))
    return list(found.values())


@dataclass(frozen=True)
class OfficialNameSaved:
    change: members.OfficialNameChange
    issued: list[str]
    """Numbers of the certificates issued now, because they waited for the name."""


async def save_official_name(*, member_id: int, title: str | None, first_name: str | None,
                             last_name: str | None, actor: str, clock: Clock) -> OfficialNameSaved:
    """Store or correct the member's official name (audited; their certificates are renamed, keeping number
    and check code) and issue the certificates that waited for it. Raises MemberNotFound, ValidationFailed."""
    change = await members.set_official_name(member_id=member_id, title=title, first_name=first_name,
                                             last_name=last_name, actor=actor, clock=clock)
    issued = await issue_for_member(member_id, now=clock.utcnow())
    return OfficialNameSaved(change=change, issued=[c.number for c in issued])


async def revoke(number: str, reason: str, *, now: dt.datetime) -> None:
    updated = await Certificate.filter(number=number, revoked_at=None).update(revoked_at=now,
                                                                            revoke_reason=reason[:255])
    if not updated and not await Certificate.exists(number=number):
        raise CertificateNotFound(number=number)


async def certificates_to_push() -> list[Certificate]:
    certs = await Certificate.filter(pushed_at=None, revoked_at=None).select_related("member", "course")
    return [c for c in certs if c.member.line_user_id and c.member.active and c.member.deleted_at is None
            and c.member.official_first_name]


async def mark_pushed(cert_id: int, *, now: dt.datetime) -> None:
    await Certificate.filter(id=cert_id).update(pushed_at=now)


async def mark_announced(numbers: list[str], *, now: dt.datetime) -> None:
    """Certificates shown to the member in the conversation: the certificate job does not push them again."""
    await Certificate.filter(number__in=numbers, pushed_at=None).update(pushed_at=now)
