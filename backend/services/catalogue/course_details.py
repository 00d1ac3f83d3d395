"""Reading one course: its tags in framework order, all its sessions, and the session to suggest next.

Search (backend.services.catalogue.search) builds its summaries with the same helpers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from backend.clock import Clock
from backend.models import Course, SessionStatus
from backend.services.catalogue.views import CourseDetail, SessionInfo, Tag
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


# A course card in one fixed statement (the bot reads one per tap): the course, its provider's name and its
# tag codes on every row, and one row per session (none: one row with NULL session columns) with its waitlist.
_COURSE_CARD_SQL = (
    "SELECT c.id AS course_id_, c.code AS code_, c.title_th AS title_th_, c.title_en AS title_en_,"
    " c.description AS description_, c.hours AS hours_, c.modality AS modality_, c.fee AS fee_,"
    " c.status AS course_status_, c.certification_no AS certification_no_, c.certified_on AS certified_on_,"
    " c.certification_expires AS certification_expires_, p.name AS provider_,"
    " ARRAY(SELECT topic_id FROM course_topic WHERE course_id = c.id) AS topics_,"
    " ARRAY(SELECT skillarea_id FROM course_skill_area WHERE course_id = c.id) AS skill_areas_,"
    " ARRAY(SELECT targetgroup_id FROM course_target_group WHERE course_id = c.id) AS target_groups_, "
    + ", ".join(f"s.{c}" for c in SESSION_FIELDS)
    + ", (SELECT COUNT(*) FROM registration r WHERE r.session_id = s.id AND r.status = 'waitlisted') AS waitlisted"
    " FROM course c JOIN provider p ON p.id = c.provider_id LEFT JOIN session s ON s.course_id = c.id"
    " WHERE c.code = $1 ORDER BY s.start_date, s.no, s.id"
)


async def get_course(code: str, *, clock: Clock) -> CourseDetail:
    """A course with all its sessions (oldest first), seats left, waitlist sizes and registration state.

    Raises CourseNotFound.
    """
    normalized = normalize_code(code)
    if not _VALID_CODE.match(normalized):  # no such code can exist: do not ask the database
        raise CourseNotFound(f"course {code!r} not found", code_value=code)
    rows = await connection().execute_query_dict(_COURSE_CARD_SQL, [normalized])
    if not rows:
        raise CourseNotFound(f"course {code!r} not found", code_value=code)
    today = clock.today()
    first = rows[0]
    course_status = str(first["course_status_"])
    vocab = await get_vocabulary()
    topics, skill_areas, target_groups = course_tags_from_codes(
        {"topics": list(first["topics_"]), "skill_areas": list(first["skill_areas_"]),
         "target_groups": list(first["target_groups_"])}, vocab)
    sessions = [
        session_info(r, course_code=first["code_"], course_title=first["title_th_"], course_status=course_status,
                     today=today, waitlisted=int(r["waitlisted"]))
        for r in rows if r["id"] is not None
    ]
    upcoming = [s for s in sessions if s.start_date >= today and s.status == SessionStatus.open]
    return CourseDetail(
        code=first["code_"], title_th=first["title_th_"], title_en=first["title_en_"], provider=first["provider_"],
        topics=topics, skill_areas=skill_areas, target_groups=target_groups, hours=float(first["hours_"]),
        modality=str(first["modality_"]), fee=float(first["fee_"]), status=course_status,
        next_session=pick_next_session(upcoming), description=first["description_"],
        certification_no=first["certification_no_"], certified_on=first["certified_on_"],
        certification_expires=first["certification_expires_"], sessions=sessions,
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
