"""Reminders to members who have not answered: at most MAX_REMINDERS per dispatch, never in quiet hours,
each claimed by inserting its unique row first so two workers never send the same one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from tortoise.exceptions import IntegrityError

from backend.models import SurveyDispatch, SurveyInvite, SurveyReminder, SurveyResponse
from backend.services.quiet_hours import after_quiet_hours, in_quiet_hours
from backend.services.surveys.dispatch import MAX_REMINDERS, pushable


@dataclass
class DueReminder:
    dispatch_id: int
    member_id: int
    line_user_id: str
    seq: int
    title_th: str
    course_title: str
    deadline: dt.datetime
    reminder_id: int = 0


def reminder_due_at(created_at: dt.datetime, days: int) -> dt.datetime:
    return after_quiet_hours(created_at + dt.timedelta(days=days))


async def claim_due_reminders(*, now: dt.datetime) -> list[DueReminder]:
    """Reminders due now for non-respondents, each claimed by inserting its unique row first.

    Nothing is due during quiet hours. When the worker was down past several reminder times only the
    latest one is sent (the skipped ones are recorded as such), so nobody gets more than the configured count.
    """
    if in_quiet_hours(now):
        return []
    claimed: list[DueReminder] = []
    dispatches = await SurveyDispatch.filter(deadline__gt=now).select_related("template", "session__course")
    for d in dispatches:
        days = list(d.reminder_days or [])[:MAX_REMINDERS]
        due_seqs = [i + 1 for i, n in enumerate(days) if reminder_due_at(d.created_at, n) <= now]
        if not due_seqs:
            continue
        latest = due_seqs[-1]
        # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
        answered = set(cast(list[int], await SurveyResponse.filter(dispatch_id=d.id, completed_at__isnull=False)
                            .values_list("member_id", flat=True)))
        sent = {(m, s) for m, s in await SurveyReminder.filter(dispatch_id=d.id).values_list("member_id", "seq")}
        invites = await SurveyInvite.filter(dispatch_id=d.id).select_related("member")
        for inv in invites:
            member = inv.member
            if member.id in answered or not pushable(member) or (member.id, latest) in sent:
                continue
            for seq in due_seqs[:-1]:
                if (member.id, seq) not in sent:
                    try:
                        await SurveyReminder.create(dispatch_id=d.id, member_id=member.id, seq=seq,
                                                    created_at=now, outcome="skipped")
                    except IntegrityError:
                        pass
            try:
                row = await SurveyReminder.create(dispatch_id=d.id, member_id=member.id, seq=latest,
                                                  created_at=now, outcome="claimed")
            except IntegrityError:
                continue  # another worker claimed it
            claimed.append(DueReminder(dispatch_id=d.id, member_id=member.id, line_user_id=member.line_user_id or "",
                                       seq=latest, title_th=d.template.title_th,
                                       course_title=d.session.course.title_th, deadline=d.deadline,
                                       reminder_id=row.id))
    return claimed


async def mark_reminder_sent(reminder_id: int, outcome: str) -> None:
    await SurveyReminder.filter(id=reminder_id).update(outcome=outcome[:20])


async def release_reminder(reminder_id: int) -> None:
    """Give a claimed reminder back (its push was not accepted) so a later run sends it."""
    await SurveyReminder.filter(id=reminder_id, outcome="claimed").delete()

