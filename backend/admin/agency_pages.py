"""The agency coordinator's pages (an admin sees any agency through ?agency_id=): staff and their progress in
the fiscal year, completion per target group against the framework, nominations, the annual report (XLSX)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from backend.admin.web import AdminRoute, CheckedForm, CoordinatorSessionDep, render
from backend.deps import ClockDep
from backend.schemas.bounds import MAX_DB_ID
from backend.services import coordination, members
from backend.services.admin_sessions import AdminSession
from backend.services.coordination import FiscalYear
from backend.services.errors import DomainError
from backend.services.exports import XLSX_MEDIA_TYPE
from backend.services.framework import get_vocabulary
from backend.services.input_errors import for_staff

router = APIRouter(prefix="/agency", route_class=AdminRoute)


def _int(value: Any, *, low: int = 1, high: int = MAX_DB_ID) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and low <= int(text) <= high else None


async def _agency(request: Request, session: AdminSession) -> int | None:
    """The agency of this page: a coordinator's own (another one asked for: 403), the one an admin picked."""
    requested = _int(request.query_params.get("agency_id"))
    if session.is_admin and requested is None:
        return None
    try:
        return await coordination.agency_in_scope(role=session.role, own_agency_id=session.agency_id, requested=requested)
    except DomainError as exc:
        raise HTTPException(exc.status, for_staff(exc.message_th)) from exc


def _year(request: Request, clock: ClockDep) -> FiscalYear:
    chosen = _int(request.query_params.get("fiscal_year"), low=2500, high=2700)
    return coordination.fiscal_year_be(chosen) if chosen else coordination.fiscal_year_of(clock.today())


async def _context(request: Request, session: AdminSession, clock: ClockDep) -> dict[str, Any]:
    agency_id = await _agency(request, session)
    year = _year(request, clock)
    current = coordination.fiscal_year_of(clock.today())
    vocab = await get_vocabulary()
    return {
        "session": session, "agency": await coordination.get_agency(agency_id) if agency_id else None,
        "agency_id": agency_id, "year": year,
        "years": [current.year_be - i for i in range(3)],
        "agencies": await members.list_agencies(limit=500) if session.is_admin else [],
        "units": await coordination.agency_unit_refs(session.agency_id)
        if session.is_coordinator and session.agency_id else [],
        "areas": vocab.skill_areas,
        "query": (f"agency_id={agency_id}&" if agency_id and agency_id != session.agency_id else "")
        + f"fiscal_year={year.year_be}",
    }


@router.get("")
async def staff_page(request: Request, session: CoordinatorSessionDep, clock: ClockDep) -> Response:
    ctx = await _context(request, session, clock)
    staff = await coordination.staff_progress(ctx["agency_id"], year=ctx["year"], now=clock.utcnow()) \
        if ctx["agency_id"] else []
    return render(request, "agency_staff.html", staff=staff, flash=request.query_params.get("msg"), **ctx)


@router.get("/completion")
async def completion_page(request: Request, session: CoordinatorSessionDep, clock: ClockDep) -> Response:
    ctx = await _context(request, session, clock)
    groups = []
    if ctx["agency_id"]:
        groups = await coordination.completion_by_target_group(
            await coordination.staff_progress(ctx["agency_id"], year=ctx["year"], now=clock.utcnow()))
    return render(request, "agency_completion.html", groups=groups, **ctx)


async def _nominations_page(request: Request, session: AdminSession, clock: ClockDep, *,
                            errors: list[str] | None = None, status_code: int = 200) -> Response:
    ctx = await _context(request, session, clock)
    agency_id = ctx["agency_id"]
    staff = await coordination.staff_progress(agency_id, year=ctx["year"], now=clock.utcnow()) if agency_id else []
    return render(
        request, "agency_nominations.html", status_code=status_code, staff=staff,
        sessions=await coordination.sessions_open_for_nomination(clock=clock) if agency_id else [],
        nominations=await coordination.list_nominations(agency_id) if agency_id else [],
        errors=errors or [], flash=request.query_params.get("msg"), **ctx)


@router.get("/nominations")
async def nominations_page(request: Request, session: CoordinatorSessionDep, clock: ClockDep) -> Response:
    return await _nominations_page(request, session, clock)


@router.post("/nominations")
async def nominate(request: Request, session: CoordinatorSessionDep, form: CheckedForm, clock: ClockDep) -> Response:
    agency_id = await _agency(request, session)
    if agency_id is None:
        raise HTTPException(422, "กรุณาเลือกหน่วยงาน")
    member_id, session_id = _int(form.get("member_id")), _int(form.get("session_id"))
    if member_id is None or session_id is None:
        return await _nominations_page(request, session, clock, errors=["กรุณาเลือกบุคลากรและรุ่นที่จะเสนอชื่อ"],
                                       status_code=422)
    try:
        info = await coordination.nominate(agency_id=agency_id, member_id=member_id, session_id=session_id,
                                           staff_id=session.staff_id, actor=session.actor, clock=clock)
    except DomainError as exc:
        return await _nominations_page(request, session, clock, errors=[for_staff(exc.message_th)],
                                       status_code=exc.status)
    await request.app.state.runtime.queue.enqueue_job("push_nominations", [info.id])
    message = f"เสนอชื่อ {info.member_name} เข้าอบรม {info.course_title_th} รุ่นที่ {info.session_no} แล้ว ระบบกำลังแจ้งทาง LINE"
    back = f"/admin/agency/nominations?msg={quote(message)}"
    if agency_id != session.agency_id:
        back += f"&agency_id={agency_id}"
    return RedirectResponse(back, status_code=303)


@router.get("/report.xlsx")
async def report(request: Request, session: CoordinatorSessionDep, clock: ClockDep) -> Response:
    agency_id = await _agency(request, session)
    if agency_id is None:
        raise HTTPException(422, "กรุณาเลือกหน่วยงาน")
    year = _year(request, clock)
    data = await coordination.export_annual_report(agency_id, year=year, now=clock.utcnow(), actor=session.actor)
    return Response(data, media_type=XLSX_MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{coordination.report_filename(agency_id, year)}"'})
