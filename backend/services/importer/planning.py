"""Planning one parsed row: validated as the course it creates or updates, and the session it adds or
changes, with the same rules as the REST API (backend.schemas.catalogue)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError

from backend.models import Course
from backend.schemas.catalogue import CourseCreate, CourseUpdate, SessionCreate, SessionUpdate
from backend.services.importer.row_parsing import ParsedRow
from backend.services.input_errors import validation_problems


def pydantic_reasons(exc: ValidationError) -> list[str]:
    """The rules a row breaks, each naming its column in Thai."""
    return validation_problems(exc, noun="คอลัมน์")


@dataclass
class RowPlan:
    """What one good row does: create or update its course, add or update its session."""

    code: str
    new_course: CourseCreate | None = None
    course_update: CourseUpdate | None = None
    session_no: int | None = None
    session_start: dt.date | None = None
    new_session: SessionCreate | None = None
    session_update: SessionUpdate | None = None


async def plan_row(parsed: ParsedRow, reasons: list[str], seen: set[str]) -> RowPlan:
    """Validate the row as the course/session it creates or updates; appends to `reasons`.

    `seen`: the codes of courses earlier rows of the same file created or updated.
    """
    plan = RowPlan(code=parsed.code)
    fields = {k: v for k, v in parsed.course.items() if k != "code"}
    exists = parsed.code in seen or (bool(parsed.code) and await Course.filter(code=parsed.code).exists())
    try:
        if not exists:
            plan.new_course = CourseCreate(code=parsed.code or "MISSING", **fields)
        elif fields and parsed.code not in seen:
            plan.course_update = CourseUpdate(**fields)
    except ValidationError as exc:
        _merge(reasons, pydantic_reasons(exc))
    if parsed.session is not None:
        data = dict(parsed.session)
        plan.session_no = data.pop("session_no", None)
        plan.session_start = data.get("start_date")
        data.setdefault("online", not data.get("province"))
        try:
            plan.new_session = SessionCreate(no=plan.session_no, **data)
            plan.session_update = SessionUpdate(**data)
        except ValidationError as exc:
            _merge(reasons, pydantic_reasons(exc))
    return plan


def _merge(reasons: list[str], more: list[str]) -> None:
    """Add reasons about fields not already reported (a cell we could not read is also "missing")."""
    reported = {r.split(":", 1)[0] for r in reasons}
    reasons.extend(r for r in more if r.split(":", 1)[0] not in reported and r not in reasons)

