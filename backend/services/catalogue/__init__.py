"""The certified-course catalogue: courses, their sessions (รุ่น), and course search.

The package's modules, by what they do:

- views: the plain data returned (Tag, SessionInfo, CourseSummary, CourseDetail, CoursePage)
- course_details: one course with all its sessions, and the session to suggest next
- query_parsing: a free-text query read as framework phrases, words, a course code, a province
- ranking: which courses qualify for a query and how they rank (in-memory text index)
- search: search_courses, one ranked page of summaries
- recent_answers: answers this process gave a moment ago, forgotten when the catalogue changes
- course_writes: add, change, retire courses; insert many at once (seeding)
- session_writes: add and change sessions (a bigger session promotes its waitlist)
- staff_listing: what the admin pages list and edit

A session's seats and registration window are read through backend.services.session_seats, which
registration uses too.
"""

from __future__ import annotations

from typing import Any

from backend.clock import Clock
from backend.services.catalogue.course_details import (
    course_exists,
    get_course,
    normalize_code,
    resolve_course_id,
)
from backend.services.catalogue.course_writes import (
    create_course,
    insert_new_courses,
    retire_course,
    update_course,
)
from backend.services.catalogue.query_parsing import ParsedQuery, parse_query
from backend.services.catalogue.recent_answers import forget_recent_searches, recent_courses, recent_pages
from backend.services.catalogue.search import MAX_PAGE_SIZE, search_courses, warm_up
from backend.services.catalogue.session_writes import add_session, update_session
from backend.services.catalogue.staff_listing import (
    CourseForEditing,
    CoursesFound,
    course_choices,
    course_for_editing,
    find_courses_for_staff,
)
from backend.services.catalogue.views import CourseDetail, CoursePage, CourseSummary, SessionInfo, Tag
from backend.services.session_seats import get_session, registration_state, session_trainer_id


async def search_courses_recent(*, max_age_seconds: float, clock: Clock, **criteria: Any) -> CoursePage:
    """search_courses, answered from this process's copy of the same search when it is at most
    max_age_seconds old: seat counts, and catalogue changes made by other processes, may be that old
    (changes through this process's catalogue service clear the copies; registering always checks the
    database). The page is shared: read it, do not change it."""
    key = (clock.today(), *sorted((name, tuple(v) if isinstance(v, list) else v) for name, v in criteria.items()))
    return await recent_pages.get_or_compute(key, lambda: search_courses(clock=clock, **criteria),
                                             max_age_seconds=max_age_seconds)


async def get_course_recent(code: str, *, max_age_seconds: float, clock: Clock) -> CourseDetail:
    """get_course, answered from this process's copy when at most max_age_seconds old (as above)."""
    return await recent_courses.get_or_compute((code, clock.today()), lambda: get_course(code, clock=clock),
                                               max_age_seconds=max_age_seconds)


__all__ = [
    "MAX_PAGE_SIZE",
    "CourseDetail",
    "CourseForEditing",
    "CoursePage",
    "CourseSummary",
    "CoursesFound",
    "ParsedQuery",
    "SessionInfo",
    "Tag",
    "add_session",
    "course_choices",
    "course_exists",
    "course_for_editing",
    "create_course",
    "find_courses_for_staff",
    "forget_recent_searches",
    "get_course",
    "get_course_recent",
    "get_session",
    "insert_new_courses",
    "normalize_code",
    "parse_query",
    "registration_state",
    "resolve_course_id",
    "retire_course",
    "search_courses",
    "search_courses_recent",
    "session_trainer_id",
    "update_course",
    "update_session",
    "warm_up",
]
