"""What the follow-up counts, read from the database session by session: registrations, invitations and
answers of the sessions held in a period, for the certified courses (those with a certification number)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from backend.services.sql import Params, connection

TRAINED = ("attended", "completed")
COUNTED = ("registered", "attended", "completed")  # a seat taken (cancelled and waitlisted ones are not)


@dataclass(frozen=True)
class CourseRow:
    id: int
    code: str
    title_th: str
    provider: str
    status: str
    certification_no: str
    certified_on: dt.date | None
    certification_expires: dt.date | None
    last_session_on: dt.date | None


@dataclass
class SessionFigures:
    """One held session's raw figures (everything the scorecard and the quarterly trend add up)."""

    id: int
    course_id: int
    start_date: dt.date
    counted: int = 0
    completed: int = 0
    trainees: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)  # member -> (group, agency)
    invited: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # level -> invitations
    answered: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # level -> completed answers
    l1_values: list[float] = field(default_factory=list)
    l2_pre: dict[int, float] = field(default_factory=dict)  # member -> mean of their pre self-rating
    l2_post: dict[int, float] = field(default_factory=dict)
    l3_answers: int = 0
    l3_applied: int = 0


async def _rows(sql: str, p: Params) -> list[dict[str, Any]]:
    _, rows = await connection().execute_query(sql, p.values)
    return [dict(r) for r in rows]


def _course_filter(p: Params, course_id: int | None, alias: str = "c") -> str:
    conditions = f"{alias}.certification_no <> '' AND {alias}.status <> 'draft'"
    if course_id is not None:
        conditions += f" AND {alias}.id = {p(course_id)}"
    return conditions


async def certified_courses(*, today: dt.date, course_id: int | None = None) -> list[CourseRow]:
    p = Params()
    rows = await _rows(
        f"SELECT c.id, c.code, c.title_th, pr.name AS provider, c.status, c.certification_no, c.certified_on, "
        f"c.certification_expires, (SELECT MAX(s.start_date) FROM session s WHERE s.course_id = c.id "
        f"AND s.status <> 'cancelled' AND s.start_date <= {p(today)}) AS last_session_on "
        f"FROM course c JOIN provider pr ON pr.id = c.provider_id WHERE {_course_filter(p, course_id)} "
        f"ORDER BY c.code", p)
    return [CourseRow(**r) for r in rows]


def _held(p: Params, start: dt.date, end: dt.date, course_id: int | None) -> str:
    """Sessions held (started, not cancelled) in start..end of certified courses; aliases s and c."""
    return (f"s.status <> 'cancelled' AND s.start_date >= {p(start)} AND s.start_date <= {p(end)} "
            f"AND {_course_filter(p, course_id)}")


def _scale_keys(questions: Any) -> list[str]:
    questions = json.loads(questions) if isinstance(questions, str) else questions or []
    return [q["key"] for q in questions if q.get("type") == "scale5"]


def _mean_of(answers: dict[str, Any], keys: list[str]) -> list[float]:
    return [float(v) for k in keys if isinstance(v := answers.get(k), int | float) and 1 <= v <= 5]


async def session_figures(*, start: dt.date, end: dt.date, course_id: int | None = None
                          ) -> dict[int, SessionFigures]:
    """Every session held between start and end (inclusive) with its figures, by session id."""
    p = Params()
    sessions = {
        r["id"]: SessionFigures(id=r["id"], course_id=r["course_id"], start_date=r["start_date"])
        for r in await _rows(f"SELECT s.id, s.course_id, s.start_date FROM session s "
                             f"JOIN course c ON c.id = s.course_id WHERE {_held(p, start, end, course_id)}", p)
    }
    if not sessions:
        return sessions
    p = Params()
    for r in await _rows(
            f"SELECT r.session_id, r.member_id, r.status, m.target_group_id AS grp, a.name AS agency "
            f"FROM registration r JOIN session s ON s.id = r.session_id JOIN course c ON c.id = s.course_id "
            f"JOIN member m ON m.id = r.member_id LEFT JOIN agency a ON a.id = m.agency_id "
            f"WHERE {_held(p, start, end, course_id)} AND r.status IN ('registered', 'attended', 'completed')", p):
        figures = sessions[r["session_id"]]
        figures.counted += 1
        if r["status"] == "completed":
            figures.completed += 1
        if r["status"] in TRAINED:
            figures.trainees[r["member_id"]] = (r["grp"], r["agency"])
    p = Params()
    for r in await _rows(
            f"SELECT sd.session_id, st.level, COUNT(si.id) AS invited, COUNT(sr.id) AS answered "
            f"FROM survey_invite si JOIN survey_dispatch sd ON sd.id = si.dispatch_id "
            f"JOIN survey_template st ON st.id = sd.template_id JOIN session s ON s.id = sd.session_id "
            f"JOIN course c ON c.id = s.course_id LEFT JOIN survey_response sr ON sr.dispatch_id = si.dispatch_id "
            f"AND sr.member_id = si.member_id AND sr.completed_at IS NOT NULL "
            f"WHERE {_held(p, start, end, course_id)} GROUP BY sd.session_id, st.level", p):
        sessions[r["session_id"]].invited[int(r["level"])] += int(r["invited"])
        sessions[r["session_id"]].answered[int(r["level"])] += int(r["answered"])
    keys = {r["id"]: _scale_keys(r["questions"])
            for r in await _rows("SELECT id, questions FROM survey_template", Params())}
    p = Params()
    for r in await _rows(
            f"SELECT sd.session_id, sd.template_id, sd.phase, st.level, sr.member_id, sr.answers "
            f"FROM survey_response sr JOIN survey_dispatch sd ON sd.id = sr.dispatch_id "
            f"JOIN survey_template st ON st.id = sd.template_id JOIN session s ON s.id = sd.session_id "
            f"JOIN course c ON c.id = s.course_id "
            f"WHERE {_held(p, start, end, course_id)} AND sr.completed_at IS NOT NULL", p):
        figures = sessions[r["session_id"]]
        answers = json.loads(r["answers"]) if isinstance(r["answers"], str) else r["answers"] or {}
        level = int(r["level"])
        if level == 1:
            figures.l1_values.extend(_mean_of(answers, keys.get(r["template_id"], [])))
        elif level == 2:
            values = _mean_of(answers, keys.get(r["template_id"], []))
            if values:
                into = figures.l2_pre if r["phase"] == "pre" else figures.l2_post
                into[r["member_id"]] = sum(values) / len(values)
        elif level == 3 and answers.get("used_at_work") in ("yes", "no"):
            figures.l3_answers += 1
            figures.l3_applied += answers["used_at_work"] == "yes"
    return sessions
