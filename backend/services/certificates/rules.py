"""What a registration needs for a certificate (the rule per course) and whether it has met it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backend.models import CertificateRule, Registration, RegistrationStatus, SurveyPhase, SurveyResponse
from backend.services.sql import connection
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


# The rule above as one statement, for the certificate job, which runs every few minutes: attended registrations
# still short of an answer (most of them) must cost it nothing. Keep it in step with is_eligible (the one that
# decides: every registration found here is checked again by it). An attended registration qualifies when its
# course's rule (attended + L1 answered when the course has no rule) is met by answers to its own session's
# surveys; a completed one when its member has given the official name (first and last) it waited for.
_PENDING_SQL = """
SELECT g.id FROM registration g
JOIN session s ON s.id = g.session_id
JOIN member m ON m.id = g.member_id
LEFT JOIN certificate_rule cr ON cr.course_id = s.course_id
LEFT JOIN LATERAL (
  SELECT bool_or(t.level = 1) AS l1, bool_or(t.level = 2 AND d.phase = 'post') AS l2_post
  FROM survey_response r JOIN survey_dispatch d ON d.id = r.dispatch_id JOIN survey_template t ON t.id = d.template_id
  WHERE r.member_id = g.member_id AND d.session_id = g.session_id AND r.completed_at IS NOT NULL
) answered ON g.status = 'attended'
WHERE s.end_date >= $1
  AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.registration_id = g.id)
  AND ((g.status = 'attended'
        AND (cr.require_l1 IS FALSE OR answered.l1) AND (cr.require_l2_post IS NOT TRUE OR answered.l2_post))
       OR (g.status = 'completed' AND m.deleted_at IS NULL
           AND m.official_first_name <> '' AND m.official_last_name <> ''))
ORDER BY g.id
"""


async def earned_without_certificate(since: dt.date) -> list[int]:
    """Registrations of sessions that ended on or after `since` that have earned a certificate they do not
    have (attended and the rule met, or completed and the official name given since), oldest first."""
    rows = await connection().execute_query_dict(_PENDING_SQL, [since])
    return [int(row["id"]) for row in rows]
