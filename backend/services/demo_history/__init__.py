"""A year of plausible history for the demo (`make run`): a few thousand members of the demo agencies in all
six target groups, the past sessions of the demo courses with who came and completed, L1/L2/L3 answers with a
realistic spread, and the certificates. Drawn from a seeded generator relative to the injected clock's day, so
a given day and seed always give the same history, and written with COPY in one transaction (a few seconds).

Only a database with the demo catalogue and no members yet is seeded.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any, cast

from backend.models import Agency, Course, Member, StaffUser, SurveyTemplate
from backend.services.demo_data import DEMO_TRAINER_USERNAME, load_demo_file
from backend.services.demo_history.bulk import TableRows, copy_all, next_ids
from backend.services.demo_history.evaluations import (
    CERTIFICATE_COLUMNS,
    DISPATCH_COLUMNS,
    INVITE_COLUMNS,
    RESPONSE_COLUMNS,
    EvaluationDrawer,
)
from backend.services.demo_history.people import MEMBER_COLUMNS, draw_members
from backend.services.demo_history.sessions import (
    REGISTRATION_COLUMNS,
    SESSION_COLUMNS,
    DemoCourse,
    draw_character,
    draw_registrations,
    draw_sessions,
)
from backend.services.sql import Params, connection

DEMO_MEMBERS = 3000
CERTIFICATION_DAYS = 730
TABLES = ("member", "session", "registration", "survey_dispatch", "survey_invite", "survey_response", "certificate")


@dataclass(frozen=True)
class HistoryReport:
    members: int
    sessions: int
    registrations: int
    survey_invitations: int
    survey_answers: int
    certificates: int


async def _demo_courses() -> list[DemoCourse]:
    p = Params()
    _, rows = await connection().execute_query(
        "SELECT c.id, c.code, c.hours, c.modality, c.certified_on, "
        "ARRAY(SELECT targetgroup_id FROM course_target_group t WHERE t.course_id = c.id ORDER BY 1) AS groups "
        "FROM course c WHERE c.code LIKE 'DEMO-%' AND c.certification_no <> '' ORDER BY c.code", p.values)
    return [DemoCourse(id=r["id"], code=r["code"], hours=r["hours"], modality=r["modality"],
                       groups=list(r["groups"]), certified_on=r["certified_on"]) for r in rows]


def _certification_dates(rng: random.Random, courses: list[DemoCourse], starts: dict[int, list[dt.date]],
                         *, today: dt.date) -> list[tuple[int, dt.date]]:
    """Each course certified before its first session; a few certified almost two years ago (renewal due)."""
    renewal_due = {c.id for c in rng.sample(courses, k=min(7, len(courses)))}
    dates = []
    for course in courses:
        certified = course.certified_on or today
        if course.id in renewal_due:
            certified = today - dt.timedelta(days=CERTIFICATION_DAYS - rng.randint(15, 85))
        if starts.get(course.id):
            certified = min(certified, min(starts[course.id]) - dt.timedelta(days=rng.randint(20, 60)))
        dates.append((course.id, certified))
    return dates


async def seed_demo_history(*, today: dt.date, now: dt.datetime, seed: int = 2569, members: int = DEMO_MEMBERS
                            ) -> HistoryReport | None:
    """Seed the history once: does nothing (None) when there are members already or no demo catalogue."""
    if await Member.exists() or not await Course.filter(code__startswith="DEMO-").exists():
        return None
    people, catalogue = load_demo_file("people.yaml"), load_demo_file("catalogue.yaml")
    courses = await _demo_courses()
    agency_ids = cast(list[int], await Agency.all().order_by("id").values_list("id", flat=True))
    templates = dict(cast(list[tuple[str, int]], await SurveyTemplate.all().values_list("code", "id")))
    trainer = await StaffUser.get(username=DEMO_TRAINER_USERNAME)
    ids = await next_ids(TABLES)
    _, sequence_rows = await connection().execute_query("SELECT year_be, last_no FROM certificate_sequence")
    rng = random.Random(seed)
    for course in courses:
        draw_character(rng, course)
    provinces = list(dict.fromkeys(catalogue["provinces"]))
    drawn = draw_members(rng, people, count=members, first_id=ids["member"], agency_ids=agency_ids,
                         provinces=provinces, today=today)
    sessions, session_rows, per_course = draw_sessions(
        rng, courses, today=today, first_id=ids["session"], trainer_id=trainer.id, provinces=provinces,
        venues=catalogue["venues"], online_venue=catalogue["online_venue"])
    registrations = draw_registrations(rng, sessions, session_rows, drawn, first_id=ids["registration"])
    for member in drawn:  # joined before their first registration
        for index in (6, 9, 10, 16):
            member.row[index] = member.joined
    drawer = EvaluationDrawer(rng, templates=templates, first_ids=ids, now=now,
                              sequences={int(r["year_be"]): int(r["last_no"]) for r in sequence_rows})
    for session in sessions:
        drawer.session(session)
    rows = drawer.rows
    starts: dict[int, list[dt.date]] = {}
    for session in sessions:
        starts.setdefault(session.course.id, []).append(session.start)
    certified = _certification_dates(rng, courses, starts, today=today)
    shifted = [(course_id, count) for course_id, count in per_course.items() if count]
    renumber: list[tuple[str, list[Any]]] = [
        ("UPDATE session SET no = no + 10000 WHERE course_id = ANY($1::int[])", [[c for c, _ in shifted]]),
        ("UPDATE session s SET no = s.no - 10000 + v.shift FROM unnest($1::int[], $2::int[]) AS v(course_id, shift) "
         "WHERE s.course_id = v.course_id AND s.no > 10000", [[c for c, _ in shifted], [n for _, n in shifted]]),
    ]
    after: list[tuple[str, list[Any]]] = [
        ("UPDATE course c SET certified_on = v.day, certification_expires = v.day + $3::int, "
         "certification_no = split_part(c.certification_no, '/', 1) || '/' || (EXTRACT(YEAR FROM v.day)::int + 543) "
         "FROM unnest($1::int[], $2::date[]) AS v(id, day) WHERE c.id = v.id",
         [[c for c, _ in certified], [d for _, d in certified], CERTIFICATION_DAYS]),
        ("INSERT INTO certificate_sequence (year_be, last_no) SELECT * FROM unnest($1::int[], $2::int[]) "
         "ON CONFLICT (year_be) DO UPDATE SET last_no = GREATEST(certificate_sequence.last_no, EXCLUDED.last_no)",
         [list(rows.sequences), list(rows.sequences.values())]),
    ]
    await copy_all([
        TableRows("member", MEMBER_COLUMNS, [tuple(m.row) for m in drawn]),
        TableRows("session", SESSION_COLUMNS, [tuple(r) for r in session_rows]),
        TableRows("registration", REGISTRATION_COLUMNS, registrations),
        TableRows("survey_dispatch", DISPATCH_COLUMNS, rows.dispatches),
        TableRows("survey_invite", INVITE_COLUMNS, rows.invites),
        TableRows("survey_response", RESPONSE_COLUMNS, rows.responses),
        TableRows("certificate", CERTIFICATE_COLUMNS, rows.certificates),
    ], before=renumber, after=after)
    return HistoryReport(members=len(drawn), sessions=len(sessions), registrations=len(registrations),
                         survey_invitations=len(rows.invites), survey_answers=len(rows.responses),
                         certificates=len(rows.certificates))
