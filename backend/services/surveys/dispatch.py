"""Sending a survey to a session's attendees: one dispatch, one invite per member, the LINE pushes to make,
and how far a dispatch got (invited, pushed, answered)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from backend.clock import BANGKOK
from backend.models import (
    Member,
    Registration,
    RegistrationStatus,
    Role,
    Session,
    StaffUser,
    SurveyDispatch,
    SurveyInvite,
    SurveyPhase,
    SurveyResponse,
)
from backend.services.errors import ValidationFailed
from backend.services.surveys.errors import SurveyAlreadyOpen, SurveyNotFound
from backend.services.surveys.templates import get_template

DEFAULT_REMINDER_DAYS = (2, 5)
MAX_REMINDERS = 2
ATTENDED = (RegistrationStatus.attended, RegistrationStatus.completed)


async def sessions_to_evaluate(staff: StaffUser, *, now: dt.datetime) -> list[Session]:
    """The trainer's sessions that started and ended at most 30 days ago, newest first."""
    today = now.astimezone(BANGKOK).date()
    query = Session.filter(start_date__lte=today, end_date__gte=today - dt.timedelta(days=30))
    if staff.role != Role.admin:
        query = query.filter(trainer_id=staff.id)
    return await query.select_related("course").order_by("-end_date", "id").limit(20)


@dataclass
class DispatchSummary:
    id: int
    session_id: int
    template_code: str
    phase: str
    deadline: dt.datetime
    invited: int
    reminder_days: list[int]


async def dispatch_survey(
    *,
    session: Session,
    template_code: str,
    deadline: dt.datetime,
    phase: str = "",
    anonymous: bool | None = None,
    reminder_days: list[int] | None = None,
    staff: StaffUser | None = None,
    dedupe_key: str | None = None,
    now: dt.datetime,
) -> DispatchSummary:
    """Create a dispatch and one invite per attendee of the session; the caller queues the pushes."""
    template = await get_template(template_code)
    if deadline.tzinfo is None:
        raise ValidationFailed.field("deadline", "needs a time zone")
    if deadline <= now:
        raise ValidationFailed.field("deadline", "must be in the future")
    if phase not in ("", "pre", "post"):
        raise ValidationFailed.field("phase", "one of '', 'pre', 'post'")
    days = list(DEFAULT_REMINDER_DAYS if reminder_days is None else reminder_days)
    if len(days) > MAX_REMINDERS or any(d <= 0 for d in days) or days != sorted(set(days)):
        raise ValidationFailed.field("reminder_days", f"at most {MAX_REMINDERS} increasing positive day counts")
    if await SurveyDispatch.exists(session_id=session.id, template_id=template.id, phase=SurveyPhase(phase),
                                   deadline__gt=now):
        raise SurveyAlreadyOpen(session_id=session.id, template=template.code)
    statuses = ATTENDED if phase != "pre" else (RegistrationStatus.registered, *ATTENDED)
    registrations = await Registration.filter(session_id=session.id, status__in=statuses).select_related("member")
    async with in_transaction():
        dispatch = await SurveyDispatch.create(
            session_id=session.id, template=template, phase=SurveyPhase(phase),
            anonymous=template.anonymous if anonymous is None else anonymous, deadline=deadline,
            reminder_days=days, created_by=staff, dedupe_key=dedupe_key, created_at=now,
        )
        members = [r for r in registrations if r.member.deleted_at is None]
        await SurveyInvite.bulk_create([
            SurveyInvite(dispatch=dispatch, member_id=r.member_id, registration_id=r.id)
            for r in members
        ])
    return DispatchSummary(id=dispatch.id, session_id=session.id, template_code=template.code, phase=phase,
                           deadline=deadline, invited=len(members), reminder_days=days)


@dataclass
class PendingPush:
    invite_id: int
    dispatch_id: int
    member_id: int
    line_user_id: str
    title_th: str
    course_title: str
    deadline: dt.datetime


async def invites_to_push(dispatch_id: int) -> list[PendingPush]:
    """Invites whose LINE push has not gone out, for members who can be pushed to."""
    invites = await SurveyInvite.filter(dispatch_id=dispatch_id, pushed_at=None).select_related(
        "member", "dispatch__template", "dispatch__session__course")
    return [_pending(inv) for inv in invites if pushable(inv.member)]


def pushable(member: Member) -> bool:
    """Pushes go to members who follow the bot, are linked to LINE and have not asked for deletion."""
    return bool(member.line_user_id) and member.active and member.deleted_at is None


def _pending(inv: SurveyInvite) -> PendingPush:
    d = inv.dispatch
    return PendingPush(invite_id=inv.id, dispatch_id=d.id, member_id=inv.member_id,
                       line_user_id=inv.member.line_user_id or "", title_th=d.template.title_th,
                       course_title=d.session.course.title_th, deadline=d.deadline)


async def mark_invite_pushed(invite_id: int, outcome: str, *, now: dt.datetime) -> None:
    await SurveyInvite.filter(id=invite_id).update(pushed_at=now, push_outcome=outcome[:20])


@dataclass(frozen=True)
class DispatchStatus:
    """How far a dispatch got: members invited, pushes sent, complete answers received."""

    id: int
    session_id: int
    template: str
    phase: str
    deadline: dt.datetime
    anonymous: bool
    reminder_days: list[int]
    invited: int
    pushed: int
    responded: int
    created_at: dt.datetime


async def _status(dispatch: SurveyDispatch) -> DispatchStatus:
    invited = await SurveyInvite.filter(dispatch_id=dispatch.id).count()
    pushed = await SurveyInvite.filter(dispatch_id=dispatch.id, pushed_at__isnull=False).count()
    responded = await SurveyResponse.filter(dispatch_id=dispatch.id, completed_at__isnull=False).count()
    await dispatch.fetch_related("template")
    return DispatchStatus(
        id=dispatch.id, session_id=dispatch.session_id,
        template=dispatch.template.code, phase=str(dispatch.phase.value), deadline=dispatch.deadline,
        anonymous=dispatch.anonymous, reminder_days=dispatch.reminder_days, invited=invited, pushed=pushed,
        responded=responded, created_at=dispatch.created_at,
    )


async def get_dispatch_status(dispatch_id: int) -> DispatchStatus:
    """One dispatch and how far it got. Raises SurveyNotFound."""
    dispatch = await SurveyDispatch.get_or_none(id=dispatch_id)
    if dispatch is None:
        raise SurveyNotFound(dispatch_id=dispatch_id)
    return await _status(dispatch)


async def session_dispatch_statuses(session_id: int) -> list[DispatchStatus]:
    """The surveys sent for a session, oldest first, and how far each got."""
    return [await _status(d) for d in await SurveyDispatch.filter(session_id=session_id).order_by("id")]
