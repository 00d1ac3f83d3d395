"""Catalogue pages: list and search courses, edit a course and its sessions, import a file, retire."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from backend.admin.dates import DateInputError, parse_date_input
from backend.admin.web import AdminRoute, AdminSessionDep, CheckedForm, StaffSession, form_list, render
from backend.api.params import IdPath
from backend.deps import ClockDep
from backend.schemas.catalogue import CourseUpdate, SessionUpdate
from backend.services import audit, catalogue, importer
from backend.services.admin_sessions import AdminSession
from backend.services.errors import ADMIN_ONLY_TH, DomainError
from backend.services.input_errors import domain_problems, field_th, for_staff, validation_problems
from backend.services.staff_access import sessions_of_trainer

router = APIRouter(prefix="/courses", route_class=AdminRoute)
PAGE_SIZE = 30


@router.get("")
async def course_list(request: Request, session: StaffSession) -> Response:
    q = (request.query_params.get("q") or "").strip()
    page = max(1, int(request.query_params.get("page") or 1)) if (request.query_params.get("page") or "1").isdigit() else 1
    if session.is_coordinator:  # courses are managed by ONDE; a coordinator picks sessions when nominating
        raise HTTPException(403, ADMIN_ONLY_TH)
    if not session.is_admin:
        sessions = await sessions_of_trainer(session.staff_id)
        return render(request, "trainer_sessions.html", session=session, sessions=sessions)
    found = await catalogue.find_courses_for_staff(q, page=page, page_size=PAGE_SIZE)
    total = found.total
    return render(request, "courses.html", session=session, courses=found.courses, q=q, page=page, total=total,
                  pages=(total + PAGE_SIZE - 1) // PAGE_SIZE,
                  flash=request.query_params.get("msg"))


async def _edit_page(request: Request, session: AdminSession, code: str, *, errors: list[str] | None = None,
                     flash: str | None = None, status_code: int = 200) -> Response:
    editing = await catalogue.course_for_editing(code)
    if editing is None:
        raise HTTPException(404, "ไม่พบหลักสูตรนี้")
    course = editing.course
    return render(
        request, "course_edit.html", status_code=status_code, session=session, c=course, sessions=editing.sessions,
        topics=editing.topics, areas=editing.skill_areas, groups=editing.target_groups,
        chosen={"topics": {t.code for t in course.topics}, "skill_areas": {a.code for a in course.skill_areas},
                "target_groups": {g.code for g in course.target_groups}},
        errors=errors or [], flash=flash or request.query_params.get("msg"),
    )


@router.get("/import")
async def import_form(request: Request, session: AdminSessionDep) -> Response:
    return render(request, "import.html", session=session, report=None)


@router.post("/import")
async def import_file(request: Request, session: AdminSessionDep, form: CheckedForm, clock: ClockDep) -> Response:
    upload = form.get("file")
    if upload is None or not hasattr(upload, "read") or not upload.filename:
        return render(request, "import.html", status_code=422, session=session, report=None,
                      flash="กรุณาเลือกไฟล์ CSV หรือ XLSX", flash_kind="error")
    dry_run = form.get("dry_run") == "1"
    try:
        report = _report_for_page(await importer.import_uploaded_file(
            await upload.read(), filename=upload.filename, dry_run=dry_run, actor=session.actor, clock=clock,
            announcer=request.app.state.runtime.announcer))
    except importer.ImportFileError as exc:
        return render(request, "import.html", status_code=422, session=session, report=None,
                      flash=f"อ่านไฟล์ไม่ได้: {exc}", flash_kind="error")
    await audit.record(actor=session.actor, action="course.import", target_type="course",
                       details={"file": upload.filename[:100], "dry_run": dry_run,
                                "imported": report["imported"], "errors": len(report["errors"])})
    return render(request, "import.html", session=session, report=report, dry_run=dry_run)


def _report_for_page(report: importer.ImportReport) -> dict[str, Any]:
    """The import report as the page shows it."""
    return {
        "imported": report.ok_rows, "created": len(report.courses_created), "updated": len(report.courses_updated),
        "sessions": report.sessions_created + report.sessions_updated,
        "errors": [{"row": e.row, "code": e.code, "reason": "; ".join(e.reasons)} for e in report.errors],
    }


@router.get("/{code}")
async def course_edit(request: Request, code: str, session: AdminSessionDep) -> Response:
    return await _edit_page(request, session, code)


def _date(form: dict[str, Any], name: str) -> dt.date | None:
    """A date typed as วว/ดด/ปปปป (พ.ศ.); DateInputError says in Thai what to write."""
    return parse_date_input(form.get(name), field_th=field_th(name))


class NotANumber(ValueError):
    """A whole number staff typed that is not one; the message names the field in Thai."""


def _number(form: dict[str, Any], name: str) -> int | None:
    value = str(form.get(name) or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise NotANumber(f"{field_th(name)}: ต้องเป็นตัวเลข")
    return int(value)


def _problems(exc: Exception) -> list[str]:
    """What staff read above the form: each field's Thai name and what is wrong with it."""
    if isinstance(exc, ValidationError):
        return validation_problems(exc)
    if isinstance(exc, DomainError):
        return domain_problems(exc)
    return [str(exc)]


@router.post("/{code}")
async def course_save(request: Request, code: str, session: AdminSessionDep, form: CheckedForm,
                      clock: ClockDep) -> Response:
    try:
        # The Update models are derived (all_optional): validated from a mapping, not typed keyword arguments.
        update = CourseUpdate.model_validate(dict(
            title_th=str(form.get("title_th") or ""), title_en=str(form.get("title_en") or ""),
            description=str(form.get("description") or ""), hours=form.get("hours") or None,
            modality=form.get("modality") or None, fee=form.get("fee") or 0,
            certification_no=str(form.get("certification_no") or ""),
            certified_on=_date(form, "certified_on"),
            certification_expires=_date(form, "certification_expires"),
            status=form.get("status") or None, topics=form_list(form, "topics"),
            skill_areas=form_list(form, "skill_areas"), target_groups=form_list(form, "target_groups"),
        ))
        await catalogue.update_course(code, update, actor=session.actor, clock=clock)
    except (ValidationError, DomainError, DateInputError) as exc:
        return await _edit_page(request, session, code, errors=_problems(exc), status_code=422)
    return RedirectResponse(f"/admin/courses/{quote(code)}?msg={quote('บันทึกแล้ว')}", status_code=303)


@router.post("/{code}/retire")
async def course_retire(request: Request, code: str, session: AdminSessionDep, form: CheckedForm,
                        clock: ClockDep) -> Response:
    try:
        await catalogue.retire_course(code, actor=session.actor, clock=clock)
    except DomainError as exc:
        raise HTTPException(exc.status, for_staff(exc.message_th)) from exc
    return RedirectResponse(f"/admin/courses/{quote(code)}?msg={quote('เลิกใช้หลักสูตรแล้ว')}", status_code=303)


@router.post("/{code}/sessions/{session_id}")
async def session_save(request: Request, code: str, session_id: IdPath, session: AdminSessionDep,
                       form: CheckedForm, clock: ClockDep) -> Response:
    try:
        update = SessionUpdate.model_validate(dict(
            start_date=_date(form, "start_date"), end_date=_date(form, "end_date"),
            capacity=_number(form, "capacity"),
            venue=str(form.get("venue") or ""), status=form.get("status") or None,
        ))
        await catalogue.update_session(session_id, update, actor=session.actor, clock=clock,
                                       announcer=request.app.state.runtime.announcer)
    except (ValidationError, DomainError, DateInputError, NotANumber) as exc:
        return await _edit_page(request, session, code, errors=_problems(exc), status_code=422)
    return RedirectResponse(f"/admin/courses/{quote(code)}?msg={quote('บันทึกรุ่นแล้ว')}", status_code=303)
