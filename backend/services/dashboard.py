"""Monitoring figures for the admin dashboard: who was trained, how satisfied, what the catalogue covers.

Every function takes the same DashboardFilter (period, agency, target group) and returns plain rows that
the page draws as charts and tables and exports as CSV.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from backend.services.exports import csv_bytes
from backend.services.sql import Params, connection
from backend.thai_dates import Month

EXPIRY_WINDOW_DAYS = 90
BANDS = ((4.51, "มากที่สุด"), (3.51, "มาก"), (2.51, "ปานกลาง"), (1.51, "น้อย"), (0.0, "น้อยที่สุด"))


def verbal_band(mean: float | None) -> str:
    """The Thai government report's verbal band of a 5-point mean."""
    if mean is None:
        return ""
    rounded = round(mean + 1e-9, 2)
    return next(label for floor, label in BANDS if rounded >= floor)


@dataclass(frozen=True)
class DashboardFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    agency_id: int | None = None
    target_group: str | None = None

    def query_string(self) -> str:
        from urllib.parse import urlencode

        pairs = {"date_from": self.date_from, "date_to": self.date_to, "agency_id": self.agency_id,
                 "target_group": self.target_group}
        return urlencode({k: str(v) for k, v in pairs.items() if v not in (None, "")})


@dataclass
class Table:
    """A titled table; `columns` are Thai headings, `rows` plain values (also the CSV export)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def to_csv(self) -> bytes:
        """For other programs: dates and months stay ISO 8601, and their headers say so."""
        dated = {i for row in self.rows for i, v in enumerate(row) if isinstance(v, dt.date | Month)}
        header = [f"{c} (ISO 8601)" if i in dated else c for i, c in enumerate(self.columns)]
        return csv_bytes(header, [[str(v) if isinstance(v, dt.date | Month) else v for v in row]
                                  for row in self.rows])


def _member_conditions(f: DashboardFilter, p: Params, alias: str = "m") -> list[str]:
    conditions = []
    if f.agency_id is not None:
        conditions.append(f"{alias}.agency_id = {p(f.agency_id)}")
    if f.target_group:
        conditions.append(f"{alias}.target_group_id = {p(f.target_group)}")
    return conditions


def _period(column: str, f: DashboardFilter, p: Params) -> list[str]:
    conditions = []
    if f.date_from:
        conditions.append(f"{column} >= {p(dt.datetime.combine(f.date_from, dt.time(), dt.UTC))}")
    if f.date_to:
        end = dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time(), dt.UTC)
        conditions.append(f"{column} < {p(end)}")
    return conditions


def _where(conditions: list[str]) -> str:
    return ("WHERE " + " AND ".join(conditions)) if conditions else ""


async def _rows(sql: str, p: Params) -> list[dict[str, Any]]:
    _, rows = await connection().execute_query(sql, p.values)
    return [dict(r) for r in rows]


def _params() -> Params:
    return Params()


async def trained_by(f: DashboardFilter, dimension: str) -> Table:
    """Distinct people with a completed registration, by target group, agency or skill area."""
    p = _params()
    conditions = ["r.status = 'completed'", *_member_conditions(f, p), *_period("r.completed_at", f, p)]
    if dimension == "target_group":
        sql = (f"SELECT COALESCE(tg.name_th, 'ไม่ระบุ') AS label, COUNT(DISTINCT r.member_id) AS n "
               f"FROM registration r JOIN member m ON m.id = r.member_id "
               f"LEFT JOIN target_group tg ON tg.code = m.target_group_id {_where(conditions)} "
               f"GROUP BY tg.name_th, tg.sort_order ORDER BY n DESC, label")
        title, heading = "ผู้ผ่านการอบรมตามกลุ่มเป้าหมาย", "กลุ่มเป้าหมาย"
    elif dimension == "agency":
        sql = (f"SELECT COALESCE(a.name, 'ไม่ระบุหน่วยงาน') AS label, COUNT(DISTINCT r.member_id) AS n "
               f"FROM registration r JOIN member m ON m.id = r.member_id "
               f"LEFT JOIN agency a ON a.id = m.agency_id {_where(conditions)} "
               f"GROUP BY a.name ORDER BY n DESC, label LIMIT 20")
        title, heading = "ผู้ผ่านการอบรมตามหน่วยงาน (20 อันดับแรก)", "หน่วยงาน"
    else:
        sql = (f"SELECT sa.name_th AS label, COUNT(DISTINCT r.member_id) AS n "
               f"FROM registration r JOIN member m ON m.id = r.member_id "
               f"JOIN session s ON s.id = r.session_id "
               f"JOIN course_skill_area csa ON csa.course_id = s.course_id "
               f"JOIN skill_area sa ON sa.code = csa.skillarea_id {_where(conditions)} "
               f"GROUP BY sa.name_th, sa.sort_order ORDER BY sa.sort_order")
        title, heading = "ผู้ผ่านการอบรมตามด้านทักษะ", "ด้านทักษะ"
    rows = await _rows(sql, p)
    return Table(f"trained_by_{dimension}", title, [heading, "จำนวนคน"],
                 [[r["label"], int(r["n"])] for r in rows])


async def registrations_over_time(f: DashboardFilter) -> Table:
    """Registrations and completions per month (Bangkok time); the month is a Month (people read ธ.ค. 2569)."""
    p = _params()

    def month(column: str) -> str:
        return f"to_char({column} AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM')"

    member = _member_conditions(f, p)
    reg_conditions = [*member, *_period("r.created_at", f, p)]
    registered = await _rows(
        f"SELECT {month('r.created_at')} AS ym, COUNT(*) AS n FROM registration r "
        f"JOIN member m ON m.id = r.member_id {_where(reg_conditions)} GROUP BY ym", p)
    p2 = _params()
    done_conditions = ["r.completed_at IS NOT NULL", *_member_conditions(f, p2), *_period("r.completed_at", f, p2)]
    completed = await _rows(
        f"SELECT {month('r.completed_at')} AS ym, COUNT(*) AS n FROM registration r "
        f"JOIN member m ON m.id = r.member_id {_where(done_conditions)} GROUP BY ym", p2)
    reg = {r["ym"]: int(r["n"]) for r in registered}
    done = {r["ym"]: int(r["n"]) for r in completed}
    months = sorted(set(reg) | set(done))
    return Table("registrations_over_time", "การสมัครและการผ่านการอบรมรายเดือน",
                 ["เดือน", "สมัคร", "ผ่านการอบรม"],
                 [[Month.parse(m), reg.get(m, 0), done.get(m, 0)] for m in months])


async def _level1_answers(f: DashboardFilter) -> list[dict[str, Any]]:
    p = _params()
    conditions = ["sr.completed_at IS NOT NULL", "st.level = 1", *_member_conditions(f, p),
                  *_period("sr.completed_at", f, p)]
    return await _rows(
            f"SELECT sr.answers AS answers, st.questions AS questions, c.code AS code, c.title_th AS title, "
            f"pr.name AS provider FROM survey_response sr "
            f"JOIN survey_dispatch sd ON sd.id = sr.dispatch_id JOIN survey_template st ON st.id = sd.template_id "
            f"JOIN session s ON s.id = sd.session_id JOIN course c ON c.id = s.course_id "
            f"JOIN provider pr ON pr.id = c.provider_id JOIN member m ON m.id = sr.member_id "
            f"{_where(conditions)}", p)


def _as_json(value: Any) -> Any:
    if isinstance(value, str):
        import json

        return json.loads(value)
    return value


def _scale_values(answers: Any, questions: Any) -> list[float]:
    answers, questions = _as_json(answers) or {}, _as_json(questions) or []
    keys = [q.get("key") for q in questions if q.get("type") == "scale5"]
    values = []
    for key in keys:
        value = answers.get(key)
        if isinstance(value, int | float) and 1 <= value <= 5:
            values.append(float(value))
    return values


async def satisfaction(f: DashboardFilter) -> tuple[Table, Table]:
    """Mean of the 5-point items of level-1 (reaction) surveys per course and per provider."""
    by_course: dict[tuple[str, str], list[float]] = {}
    by_provider: dict[str, list[float]] = {}
    people_course: dict[tuple[str, str], int] = {}
    people_provider: dict[str, int] = {}
    for row in await _level1_answers(f):
        values = _scale_values(row["answers"], row["questions"])
        if not values:
            continue
        course = (row["code"], row["title"])
        by_course.setdefault(course, []).extend(values)
        by_provider.setdefault(row["provider"], []).extend(values)
        people_course[course] = people_course.get(course, 0) + 1
        people_provider[row["provider"]] = people_provider.get(row["provider"], 0) + 1

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 2)

    courses = Table("satisfaction_by_course", "ความพึงพอใจเฉลี่ยรายหลักสูตร",
                    ["รหัส", "หลักสูตร", "ผู้ตอบ", "ค่าเฉลี่ย", "ระดับความพึงพอใจ"])
    for (code, title), values in sorted(by_course.items(), key=lambda kv: -mean(kv[1])):
        m = mean(values)
        courses.rows.append([code, title, people_course[(code, title)], m, verbal_band(m)])
    providers = Table("satisfaction_by_provider", "ความพึงพอใจเฉลี่ยรายผู้จัดอบรม",
                      ["ผู้จัดอบรม", "ผู้ตอบ", "ค่าเฉลี่ย", "ระดับความพึงพอใจ"])
    for name, values in sorted(by_provider.items(), key=lambda kv: -mean(kv[1])):
        m = mean(values)
        providers.rows.append([name, people_provider[name], m, verbal_band(m)])
    return courses, providers


async def response_rates(f: DashboardFilter) -> Table:
    p = _params()
    invite_conditions = [*_member_conditions(f, p), *_period("sd.created_at", f, p)]
    table = Table("survey_response_rates", "อัตราการตอบแบบประเมิน",
                  ["แบบประเมิน", "ระดับการประเมิน", "ผู้ได้รับเชิญ", "ผู้ตอบ", "ร้อยละ"])
    rows = await _rows(
            f"SELECT st.title_th AS title, st.level AS level, COUNT(si.id) AS invited, "
            f"COUNT(sr.id) AS answered FROM survey_invite si "
            f"JOIN survey_dispatch sd ON sd.id = si.dispatch_id JOIN survey_template st ON st.id = sd.template_id "
            f"JOIN member m ON m.id = si.member_id "
            f"LEFT JOIN survey_response sr ON sr.dispatch_id = si.dispatch_id AND sr.member_id = si.member_id "
            f"AND sr.completed_at IS NOT NULL {_where(invite_conditions)} "
            f"GROUP BY st.title_th, st.level ORDER BY st.level, st.title_th", p)
    for r in rows:
        invited, answered = int(r["invited"]), int(r["answered"])
        table.rows.append([r["title"], int(r["level"]), invited, answered,
                           round(100 * answered / invited, 1) if invited else 0.0])
    return table


async def expiring_certifications(today: dt.date, days: int = EXPIRY_WINDOW_DAYS) -> Table:
    p = _params()
    rows = await _rows(
        f"SELECT c.code AS code, c.title_th AS title, pr.name AS provider, c.certification_no AS no, "
        f"c.certification_expires AS expires FROM course c JOIN provider pr ON pr.id = c.provider_id "
        f"WHERE c.status <> 'retired' AND c.certification_expires IS NOT NULL "
        f"AND c.certification_expires >= {p(today)} AND c.certification_expires <= {p(today + dt.timedelta(days=days))} "
        f"ORDER BY c.certification_expires, c.code", p)
    table = Table("expiring_certifications", f"หลักสูตรที่การรับรองจะหมดอายุใน {days} วัน",
                  ["รหัส", "หลักสูตร", "ผู้จัดอบรม", "เลขที่รับรอง", "หมดอายุ", "เหลือ (วัน)"])
    for r in rows:
        expires = r["expires"]
        assert expires is not None
        table.rows.append([r["code"], r["title"], r["provider"], r["no"], expires, (expires - today).days])
    return table


async def coverage(f: DashboardFilter) -> Table:
    """Active courses per skill area (rows) and target group (columns)."""
    p = _params()
    groups = await _rows("SELECT code, name_th FROM target_group WHERE active ORDER BY sort_order, code", p)
    areas = await _rows("SELECT code, name_th FROM skill_area ORDER BY sort_order, code", _params())
    p = _params()
    counts = await _rows(
        "SELECT csa.skillarea_id AS area, ctg.targetgroup_id AS grp, COUNT(DISTINCT c.id) AS n FROM course c "
        "JOIN course_skill_area csa ON csa.course_id = c.id "
        "JOIN course_target_group ctg ON ctg.course_id = c.id "
        "WHERE c.status = 'active' GROUP BY csa.skillarea_id, ctg.targetgroup_id", p)
    by = {(r["area"], r["grp"]): int(r["n"]) for r in counts}
    if f.target_group:
        groups = [g for g in groups if g["code"] == f.target_group]
    table = Table("coverage", "ความครอบคลุมด้านทักษะของหลักสูตร (จำนวนหลักสูตร) ตามกลุ่มเป้าหมาย",
                  ["ด้านทักษะ", *[g["name_th"] for g in groups]])
    for area in areas:
        table.rows.append([area["name_th"], *[by.get((area["code"], g["code"]), 0) for g in groups]])
    return table


async def headline(f: DashboardFilter) -> dict[str, int]:
    p = _params()
    member = _member_conditions(f, p)
    members = await _rows(
        f"SELECT COUNT(*) AS n FROM member m {_where(['m.deleted_at IS NULL', *member])}", p)
    p = _params()
    reg = await _rows(
        f"SELECT COUNT(*) AS n, COUNT(DISTINCT CASE WHEN r.status = 'completed' THEN r.member_id END) AS trained "
        f"FROM registration r JOIN member m ON m.id = r.member_id "
        f"{_where([*_member_conditions(f, p), *_period('r.created_at', f, p)])}", p)
    courses = await _rows("SELECT COUNT(*) AS n FROM course WHERE status = 'active'", _params())
    return {"members": int(members[0]["n"]), "registrations": int(reg[0]["n"]),
            "trained": int(reg[0]["trained"] or 0), "courses": int(courses[0]["n"])}


async def all_tables(f: DashboardFilter, *, today: dt.date) -> dict[str, Table]:
    satisfaction_course, satisfaction_provider = await satisfaction(f)
    tables = [
        await trained_by(f, "target_group"),
        await trained_by(f, "agency"),
        await trained_by(f, "skill_area"),
        await registrations_over_time(f),
        satisfaction_course,
        satisfaction_provider,
        await response_rates(f),
        await expiring_certifications(today),
        await coverage(f),
    ]
    return {t.key: t for t in tables}
