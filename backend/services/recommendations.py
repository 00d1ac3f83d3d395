"""Skill-gap recommendations: a member's hours per skill area this fiscal year against what the framework
asks of their target group, and certified courses with open seats that close the largest gap first, each with
the reason in one line ("ท่านยังไม่มีชั่วโมงด้านความมั่นคงปลอดภัยไซเบอร์")."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tortoise.expressions import Q

from backend.clock import Clock
from backend.models import Course, CourseStatus, Registration, RegistrationStatus, Session, SessionStatus
from backend.services.catalogue.course_details import course_tag_codes, get_course
from backend.services.catalogue.views import CourseSummary
from backend.services.coordination.fiscal import FiscalYear, fiscal_year_of
from backend.services.coordination.skill_hours import gaps, hours_by_skill_area
from backend.services.framework import get_vocabulary, required_hours
from backend.services.members import get_member

MAX_RECOMMENDATIONS = 10


@dataclass(frozen=True)
class SkillGap:
    skill_area: str
    name_th: str
    required_hours: float
    completed_hours: float

    @property
    def missing_hours(self) -> float:
        return max(0.0, self.required_hours - self.completed_hours)


@dataclass(frozen=True)
class Recommendation:
    course: CourseSummary
    """Its next_session is one that takes registrations today with a seat left."""
    skill_area: str
    """The gap it closes first (the largest among the course's skill areas)."""
    reason_th: str


@dataclass(frozen=True)
class SkillGapReport:
    member_id: int
    target_group: str | None
    fiscal_year: FiscalYear
    hours_by_skill_area: dict[str, float]
    gaps: list[SkillGap]
    """Areas still short of the framework, the largest gap first."""
    recommendations: list[Recommendation]


def _hours_text(hours: float) -> str:
    return f"{int(hours)}" if float(hours).is_integer() else f"{hours:g}"


def reason_for(gap: SkillGap) -> str:
    if gap.completed_hours <= 0:
        return f"ท่านยังไม่มีชั่วโมงด้าน{gap.name_th}"
    return f"ท่านยังขาดอีก {_hours_text(gap.missing_hours)} ชั่วโมงด้าน{gap.name_th}"


async def _candidate_course_ids(area_codes: list[str], member_id: int, clock: Clock) -> list[int]:
    """Active courses in these skill areas, whose certification has not expired, with an upcoming open session
    that has a seat left; leaving out courses the member already holds or completed."""
    today = clock.today()
    rows = await Session.filter(
        status=SessionStatus.open, start_date__gte=today, course__status=CourseStatus.active,
        course__skill_areas__code__in=area_codes,
    ).filter(Q(course__certification_expires__isnull=True) | Q(course__certification_expires__gte=today)).values(
        "course_id", "capacity", "seats_taken")
    ids = list(dict.fromkeys(r["course_id"] for r in rows if r["seats_taken"] < r["capacity"]))
    if not ids:
        return []
    taken = set(await Registration.filter(member_id=member_id, session__course_id__in=ids).exclude(
        status=RegistrationStatus.cancelled).values_list("session__course_id", flat=True))
    return [i for i in ids if i not in taken]


async def skill_gaps_for_member(member_id: int, *, clock: Clock, limit: int = MAX_RECOMMENDATIONS
                                ) -> SkillGapReport:
    """The member's gaps this fiscal year and the courses that close them. Raises MemberNotFound."""
    member = await get_member(member_id)
    year = fiscal_year_of(clock.today())
    done = (await hours_by_skill_area([member_id], start=year.start, end=year.end)).get(member_id, {})
    required = required_hours(member.target_group)
    vocab = await get_vocabulary()
    missing = gaps(required, done)
    gap_list = [SkillGap(skill_area=a, name_th=vocab.skill_areas[a].name_th if a in vocab.skill_areas else a,
                         required_hours=required[a], completed_hours=done.get(a, 0.0)) for a in missing]
    recommendations: list[Recommendation] = []
    if gap_list:
        by_area = {g.skill_area: g for g in gap_list}
        rank = {g.skill_area: i for i, g in enumerate(gap_list)}
        ids = await _candidate_course_ids(list(by_area), member_id, clock)
        tags = await course_tag_codes(ids)
        scored = []
        for course_id in ids:
            covered = [a for a in tags[course_id]["skill_areas"] if a in by_area]
            if not covered:
                continue
            first = min(covered, key=lambda a: rank[a])
            # Largest gap first; then courses closing more gaps; then the group's own courses.
            for_group = member.target_group in tags[course_id]["target_groups"]
            scored.append((rank[first], -len(covered), not for_group, course_id, first))
        scored.sort()
        codes = dict(await _course_codes([s[3] for s in scored]))
        for _, _, _, course_id, first in scored:
            if len(recommendations) >= limit:
                break
            course = await get_course(codes[course_id], clock=clock)
            open_sessions = [s for s in course.sessions if s.is_open_for_registration and s.seats_left > 0]
            if not open_sessions:
                continue
            summary = dataclasses.replace(course, next_session=min(open_sessions, key=lambda s: s.start_date))
            recommendations.append(Recommendation(course=summary, skill_area=first,
                                                  reason_th=reason_for(by_area[first])))
    return SkillGapReport(member_id=member_id, target_group=member.target_group, fiscal_year=year,
                          hours_by_skill_area=done, gaps=gap_list, recommendations=recommendations)


async def _course_codes(ids: list[int]) -> list[tuple[int, str]]:
    return [(r["id"], r["code"]) for r in await Course.filter(id__in=ids).values("id", "code")]
