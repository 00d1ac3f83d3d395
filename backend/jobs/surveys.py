"""Survey and certificate jobs: invitation pushes, reminders, the 90-day follow-up, certificate pushes.

Every job is safe to run twice: invites and certificates carry `pushed_at`, reminders are claimed by a unique
row before they are sent, pushes carry a stable retry key (X-Line-Retry-Key on LINE). The messages go out
through the runtime's notifier port (backend.ports), with plain data; the channel builds them. The time is
the runtime's clock unless a caller passes `now`.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any, cast

from arq import cron

from backend.runtime import Runtime
from backend.services import certificates as certs
from backend.services import members, surveys
from backend.services.quiet_hours import in_quiet_hours

log = logging.getLogger(__name__)
RETRY_NAMESPACE = uuid.UUID("5b0f3c1e-8f4e-4c55-9a57-2d6c0e1f7a10")


def _retry_key(kind: str, ident: int | str) -> str:
    return str(uuid.uuid5(RETRY_NAMESPACE, f"{kind}:{ident}"))


def _form_url(runtime: Runtime, dispatch_id: int, member_id: int, deadline: dt.datetime) -> str:
    s = runtime.settings
    return surveys.form_url(s.survey_links_base_url, s.secret_key, dispatch_id=dispatch_id, member_id=member_id,
                            expires=deadline)


async def push_survey_invites(ctx: dict[str, Any], dispatch_id: int, now: dt.datetime | None = None) -> int:
    """Push the invitation to every invitee not pushed yet; returns how many were accepted."""
    runtime: Runtime = ctx["runtime"]
    now = now or runtime.clock.utcnow()
    sent = 0
    for p in await surveys.invites_to_push(dispatch_id):
        result = await runtime.notifier.survey_invited(
            line_user_id=p.line_user_id, dispatch_id=p.dispatch_id, title_th=p.title_th,
            course_title=p.course_title, deadline=p.deadline,
            form_url=_form_url(runtime, p.dispatch_id, p.member_id, p.deadline),
            retry_key=_retry_key("invite", p.invite_id))
        if not result.final:
            log.warning("survey invite %s not pushed yet: %s", p.invite_id, result.outcome)
            continue
        await surveys.mark_invite_pushed(p.invite_id, result.outcome, now=now)
        sent += int(result.delivered)
    return sent


async def send_survey_reminders(ctx: dict[str, Any], now: dt.datetime | None = None) -> int:
    """Remind non-respondents whose reminder is due (never at night, never twice)."""
    runtime: Runtime = ctx["runtime"]
    now = now or runtime.clock.utcnow()
    due = await surveys.claim_due_reminders(now=now)
    if not due:
        return 0
    sent = 0
    for r in due:
        result = await runtime.notifier.survey_reminder(
            line_user_id=r.line_user_id, seq=r.seq, dispatch_id=r.dispatch_id, title_th=r.title_th,
            course_title=r.course_title, deadline=r.deadline,
            form_url=_form_url(runtime, r.dispatch_id, r.member_id, r.deadline),
            retry_key=_retry_key(f"reminder:{r.dispatch_id}:{r.member_id}", r.seq))
        if not result.final:
            # Not accepted (the channel is down or rate limited): release the claim so the next run tries
            # again; the stable retry key makes the channel drop the copy if this attempt was in fact accepted.
            await surveys.release_reminder(r.reminder_id)
            continue
        await surveys.mark_reminder_sent(r.reminder_id, result.outcome)
        sent += int(result.delivered)
    return sent


async def create_survey_followups(ctx: dict[str, Any], now: dt.datetime | None = None) -> int:
    """Dispatch the L3 follow-up 90 days after each session ended, then push it."""
    runtime: Runtime = ctx["runtime"]
    now = now or runtime.clock.utcnow()
    created = await surveys.create_due_followups(now=now)
    for summary in created:
        await push_survey_invites(ctx, summary.id, now=now)
    return len(created)


async def ask_for_official_names(runtime: Runtime, *, now: dt.datetime) -> int:
    """Ask once each member whose certificate waits for their official name; returns how many were asked."""
    asked = 0
    for request in await certs.official_names_to_request():
        result = await runtime.notifier.official_name_needed(
            line_user_id=request.line_user_id, course_title=request.course_title,
            retry_key=_retry_key("official-name", request.member_id))
        if not result.final:
            continue
        await members.mark_official_name_requested(request.member_id, now=now)
        asked += int(result.delivered)
    return asked


async def push_certificates(ctx: dict[str, Any], now: dt.datetime | None = None) -> int:
    """Issue certificates earned meanwhile, ask for the official names certificates wait for, then push every
    certificate not announced yet (daytime only)."""
    runtime: Runtime = ctx["runtime"]
    now = now or runtime.clock.utcnow()
    s = runtime.settings
    await certs.issue_pending(now=now)
    if in_quiet_hours(now):
        return 0
    await ask_for_official_names(runtime, now=now)
    pending = await certs.certificates_to_push()
    if not pending:
        return 0
    sent = 0
    for cert in pending:
        assert cert.member.line_user_id  # certificates_to_push() keeps members who have a LINE account
        result = await runtime.notifier.certificate_ready(
            line_user_id=cert.member.line_user_id, course_title=cert.course.title_th, number=cert.number,
            download_url=certs.download_url(s.public_base_url, s.secret_key, cert.number),
            verify_url=certs.verify_url(s.public_base_url, cert.number, cert.check_code),
            retry_key=_retry_key("certificate", cert.id))
        if not result.final:
            continue
        await certs.mark_pushed(cert.id, now=now)
        sent += int(result.delivered)
    return sent


async def sweep_survey_pushes(ctx: dict[str, Any], now: dt.datetime | None = None) -> int:
    """Retry invitation pushes that did not go out (worker restarts, LINE outages) for open surveys."""
    from backend.models import SurveyDispatch

    now = now or ctx["runtime"].clock.utcnow()
    if in_quiet_hours(now):
        return 0
    # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
    ids = cast(list[int], await SurveyDispatch.filter(deadline__gt=now, invites__pushed_at=None).distinct()
               .values_list("id", flat=True))
    total = 0
    for dispatch_id in ids:
        total += await push_survey_invites(ctx, dispatch_id, now=now)
    return total


JOBS = [push_survey_invites, send_survey_reminders, create_survey_followups, push_certificates,
        sweep_survey_pushes]
CRON_JOBS = [
    cron(send_survey_reminders, minute=set(range(0, 60, 10)), second=15, unique=True),
    cron(create_survey_followups, minute=5, second=0, unique=True),
    cron(push_certificates, minute=set(range(2, 60, 5)), second=30, unique=True),
    cron(sweep_survey_pushes, minute=set(range(7, 60, 15)), second=45, unique=True),
]
