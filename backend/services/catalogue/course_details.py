"""Reading one course: its tags in framework order, all its sessions, and the session to suggest next.

Search (backend.services.catalogue.search) builds its summaries with the same helpers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from backend.clock import Clock
from backend.models import Course, SessionStatus
from backend.services.catalogue.views import CourseDetail, CourseSummary, SessionInfo, Tag
from backend.services.errors import CourseNotFound
from backend.services.framework import Vocabulary, get_vocabulary
from backend.services.session_seats import SESSION_FIELDS, session_info
from backend.services.sql import Params, connection

CourseTags = tuple[list[Tag], list[Tag], list[Tag]]
"""(topics, skill areas, target groups) of one course."""


def tags_named(codes: Sequence[str], names: dict[str, Any]) -> list[Tag]:
    return [Tag(code=c, name_th=names[c].name_th if c in names else c) for c in codes]


def in_framework_order(codes: list[str], order: dict[str, Any]) -> list[str]:
    index = {code: i for i, code in enumerate(order)}
    return sorted(codes, key=lambda c: (index.get(c, len(index)), c))


def course_tags_from_codes(codes: dict[str, list[str]], vocab: Vocabulary) -> CourseTags:
    """The tags of one course (codes by kind, as course_tag_codes gives them), named and in framework order."""
    return (
        tags_named(in_framework_order(codes["topics"], vocab.topics), vocab.topics),
        tags_named(in_framework_order(codes["skill_areas"], vocab.skill_areas), vocab.skill_areas),
        tags_named(in_framework_order(codes["target_groups"], vocab.target_groups), vocab.target_groups),
    )


async def course_tag_codes(course_ids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
    """Course id -> {"topics" | "skill_areas" | "target_groups": [codes]}, in one statement."""
    out: dict[int, dict[str, list[str]]] = {cid: {"topics": [], "skill_areas": [], "target_groups": []}
                                            for cid in course_ids}
    if not course_ids:
        return out
    conn = connection()
    p = Params()
    ids = list(course_ids)
    sql = (
        f"SELECT course_id, 'topics' AS kind, topic_id AS code FROM course_topic WHERE {p.is_in('course_id', ids)} "
        f"UNION ALL SELECT course_id, 'skill_areas', skillarea_id FROM course_skill_area "
        f"WHERE {p.is_in('course_id', ids)} "
        f"UNION ALL SELECT course_id, 'target_groups', targetgroup_id FROM course_target_group "
        f"WHERE {p.is_in('course_id', ids)}"
    )
    for row in await conn.execute_query_dict(sql, p.values):
        out[row["course_id"]][row["kind"]].append(row["code"])
    return out


def _summary(course: Course, tags: CourseTags, next_session: SessionInfo | None) -> CourseSummary:
    return CourseSummary(
        code=course.code, title_th=course.title_th, title_en=course.title_en, provider=course.provider.name,
        topics=tags[0], skill_areas=tags[1], target_groups=tags[2], hours=float(course.hours),
        modality=str(course.modality), fee=float(course.fee), status=str(course.status),
        next_session=next_session,
    )


_VALID_CODE = re.compile(r"^[A-Z0-9][A-Z0-9._\-/]{0,39}$")


def normalize_code(code: str) -> str:
    return (code or "").strip().upper()


async def course_or_404(code: str) -> Course:
    """The course (with its provider) by code, in any letter case. Raises CourseNotFound."""
    if not _VALID_CODE.match(normalize_code(code)):  # no such code can exist: do not ask the database
        raise CourseNotFound(f"course {code!r} not found", code_value=code)
    course = await Course.get_or_none(code=normalize_code(code)).select_related("provider")
    if course is None:
        raise CourseNotFound(f"course {code!r} not found", code_value=code)
    return course


async def course_exists(course_id: int) -> bool:
    return await Course.exists(id=course_id)


async def resolve_course_id(reference: str | int) -> int:
    """The id of the course a caller names: by its code (the public identifier, any letter case), or by the
    integer id older clients send (a number that is not also a course's code). Raises CourseNotFound."""
    text = str(reference).strip()
    code = normalize_code(text)
    if _VALID_CODE.match(code):
        found = await Course.filter(code=code).values_list("id", flat=True)
        if found:
            return cast(int, found[0])
    if text.isascii() and text.isdigit() and 0 < int(text) <= 2**31 - 1 and await Course.exists(id=int(text)):
        return int(text)
    raise CourseNotFound(f"course {text!r} not found", code_value=text)


_SESSIONS_WITH_WAITLISTS_SQL = (
    f"SELECT {', '.join(f's.{c}' for c in SESSION_FIELDS)}, (SELECT COUNT(*) FROM registration r"
    " WHERE r.session_id = s.id AND r.status = 'waitlisted') AS waitlisted"
    " FROM session s WHERE s.course_id = $1 ORDER BY s.start_date, s.no, s.id"
)


async def get_course(code: str, *, clock: Clock) -> CourseDetail:
    """A course with all its sessions (oldest first), seats left, waitlist sizes and registration state.

    Raises CourseNotFound.
    """
    today = clock.today()
    course = await course_or_404(code)
    vocab = await get_vocabulary()
    tags = course_tags_from_codes((await course_tag_codes([course.id]))[course.id], vocab)
    # The sessions with their waitlist sizes: one fixed statement (the bot reads a course card per tap).
    rows = await connection().execute_query_dict(_SESSIONS_WITH_WAITLISTS_SQL, [course.id])
    sessions = [
        session_info(r, course_code=course.code, course_title=course.title_th, course_status=str(course.status),
                     today=today, waitlisted=int(r["waitlisted"]))
        for r in rows
    ]
    upcoming = [s for s in sessions if s.start_date >= today and s.status == SessionStatus.open]
    base = _summary(course, tags, pick_next_session(upcoming))
    return CourseDetail(
        **{f: getattr(base, f) for f in base.__dataclass_fields__},
        description=course.description, certification_no=course.certification_no,
        certified_on=course.certified_on, certification_expires=course.certification_expires, sessions=sessions,
    )


def pick_next_session(sessions: Sequence[SessionInfo]) -> SessionInfo | None:
    """The soonest session open for registration with seats left, else the soonest open one, else the soonest."""
    for wanted in (lambda s: s.is_open_for_registration and s.seats_left > 0,
                   lambda s: s.is_open_for_registration,
                   lambda s: True):
        for s in sessions:
            if wanted(s):
                return s
    return None
