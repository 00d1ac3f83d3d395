"""What the admin pages list and edit: a page of courses matching a term, a course with its tags and
sessions for the edit form, and the courses to choose from (e.g. a broadcast's audience).

These are rows for the admin templates (with their provider, tags and sessions loaded), not the
catalogue's views for members.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q

from backend.models import Course, Session, SkillArea, TargetGroup, Topic


@dataclass(frozen=True)
class CoursesFound:
    total: int
    courses: list[Course]
    """One page, by code, each with its provider."""


async def find_courses_for_staff(q: str, *, page: int, page_size: int) -> CoursesFound:
    """Courses (any status) whose code, titles or provider name contain `q` (all when empty), by code."""
    query = Course.all()
    if q:
        query = query.filter(Q(code__icontains=q) | Q(title_th__icontains=q) | Q(title_en__icontains=q)
                             | Q(provider__name__icontains=q))
    total = await query.count()
    courses = (await query.order_by("code").offset((page - 1) * page_size).limit(page_size)
               .prefetch_related("provider"))
    return CoursesFound(total=total, courses=list(courses))


@dataclass(frozen=True)
class CourseForEditing:
    course: Course
    """With its provider, topics, skill areas and target groups."""
    sessions: list[Session]
    """By number."""
    topics: list[Topic]
    skill_areas: list[SkillArea]
    target_groups: list[TargetGroup]
    """What the form offers: every topic and skill area, the active target groups, in framework order."""


async def course_for_editing(code: str) -> CourseForEditing | None:
    """A course by its exact code with what its edit form shows, or None."""
    course = await Course.get_or_none(code=code).prefetch_related("provider", "topics", "skill_areas",
                                                                   "target_groups")
    if course is None:
        return None
    return CourseForEditing(
        course=course, sessions=list(await Session.filter(course_id=course.id).order_by("no")),
        topics=list(await Topic.all().order_by("sort_order")),
        skill_areas=list(await SkillArea.all().order_by("sort_order")),
        target_groups=list(await TargetGroup.filter(active=True).order_by("sort_order")),
    )


async def course_choices(*, limit: int = 500) -> list[dict[str, Any]]:
    """Courses to pick from, by code: {id, code, title_th}."""
    return list(await Course.all().order_by("code").limit(limit).values("id", "code", "title_th"))
