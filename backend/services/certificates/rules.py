"""What a registration needs for a certificate (the rule per course) and whether it has met it."""

from __future__ import annotations

from dataclasses import dataclass

from backend.models import CertificateRule, Registration, RegistrationStatus, SurveyPhase, SurveyResponse
from backend.services.surveys import ATTENDED


@dataclass
class Rule:
    require_attendance: bool = True
    require_l1: bool = True
    require_l2_post: bool = False


async def rule_for_course(course_id: int) -> Rule:
    row = await CertificateRule.get_or_none(course_id=course_id)
    if row is None:
        return Rule()
    return Rule(row.require_attendance, row.require_l1, row.require_l2_post)


async def set_rule(course_id: int, rule: Rule) -> None:
    row = await CertificateRule.get_or_none(course_id=course_id)
    if row is None:
        await CertificateRule.create(course_id=course_id, **rule.__dict__)
    else:
        row.update_from_dict(rule.__dict__)
        await row.save()


async def _answered(registration: Registration, level: int, phase: str | None = None) -> bool:
    query = SurveyResponse.filter(member_id=registration.member_id,
                                  dispatch__session_id=registration.session_id,
                                  dispatch__template__level=level, completed_at__isnull=False)
    if phase is not None:
        query = query.filter(dispatch__phase=SurveyPhase(phase))
    return await query.exists()


async def is_eligible(registration: Registration, *, answering: tuple[int, str] | None = None) -> bool:
    """The registration (its session loaded) meets its course's rule. `answering` (level, phase): count that
    survey as answered (the form asks for the official name when its answer would complete the rule)."""
    rule = await rule_for_course(registration.session.course_id)
    if registration.status in (RegistrationStatus.cancelled, RegistrationStatus.waitlisted):
        return False
    if rule.require_attendance and registration.status not in ATTENDED:
        return False

    async def answered(level: int, phase: str | None = None) -> bool:
        if answering is not None and answering[0] == level and (phase is None or answering[1] == phase):
            return True
        return await _answered(registration, level, phase)

    if rule.require_l1 and not await answered(1):
        return False
    return not (rule.require_l2_post and not await answered(2, "post"))
