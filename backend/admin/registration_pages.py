"""Registrations of a session: status, waitlist, attendance; CSV (for programs) and XLSX (for people) export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from backend import labels
from backend.admin.web import AdminRoute, CheckedForm, StaffSession, form_list, render, target_group_names
from backend.api.params import IdPath
from backend.deps import ClockDep
from backend.services import audit, auth
from backend.services.admin_sessions import AdminSession
from backend.services.attendance import mark_attendance
from backend.services.errors import OWN_SESSIONS_ONLY_TH, DomainError
from backend.services.exports import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, Sheet, csv_bytes, xlsx_bytes
from backend.services.input_errors import for_staff
from backend.services.registration import session_registrations
from backend.services.staff_access import find_session
from backend.thai_dates import thai_date

if TYPE_CHECKING:
    from backend.models import Session

router = APIRouter(prefix="/sessions", route_class=AdminRoute)
COLUMNS = ["ลำดับ", "ชื่อ", "หน่วยงาน", "ตำแหน่ง", "กลุ่มเป้าหมาย", "สถานะ", "ลำดับในรายชื่อสำรอง", "วันที่สมัคร"]
# The CSV is for other programs: its date stays ISO 8601 and its header says so; the XLSX is for people.
CSV_COLUMNS = [*COLUMNS[:-1], "วันที่สมัคร (ISO 8601)"]


async def _session_for(session_id: int, staff: AdminSession) -> Session:
    """The session (with its course) for this page, when the signed-in staff member runs it or is an admin."""
    row = await find_session(session_id)
    if row is None:
        raise HTTPException(404, "ไม่พบรุ่นนี้")
    if not staff.is_admin and row.trainer_id != staff.staff_id:
        raise HTTPException(403, OWN_SESSIONS_ONLY_TH)
    return row


@router.get("/{session_id}")
async def registrations_page(request: Request, session_id: IdPath, session: StaffSession) -> Response:
    row = await _session_for(session_id, session)
    people = await session_registrations(session_id, include_cancelled=True)
    return render(request, "registrations.html", session=session, s=row, people=people,
                  flash=request.query_params.get("msg"))


def _rows(people: list[Any], groups: dict[str, str], *, for_people: bool) -> list[list[Any]]:
    """One row per registrant; the date as people read it (1 ธ.ค. 2569) or ISO 8601 for programs."""
    def day(p: Any) -> str:
        if not p.registered_at:
            return ""
        return thai_date(p.registered_at.date()) if for_people else p.registered_at.date().isoformat()

    return [[i + 1, p.display_name, p.agency, p.position, groups.get(p.target_group or "", p.target_group or ""),
             labels.label(labels.REGISTRATION_STATUS, p.status), p.waitlist_position or "", day(p)]
            for i, p in enumerate(people)]


@router.get("/{session_id}/export.{fmt}")
async def export(request: Request, session_id: IdPath, fmt: str, session: StaffSession) -> Response:
    row = await _session_for(session_id, session)
    people = await session_registrations(session_id, include_cancelled=True)
    groups = await target_group_names()
    name = f"registrations-{row.course.code}-{row.no}"
    if fmt == "csv":
        return Response(csv_bytes(CSV_COLUMNS, _rows(people, groups, for_people=False)), media_type=CSV_MEDIA_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if fmt == "xlsx":
        sheet = Sheet("ผู้สมัคร", COLUMNS, _rows(people, groups, for_people=True))
        return Response(xlsx_bytes([sheet]), media_type=XLSX_MEDIA_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
    raise HTTPException(404)


@router.post("/{session_id}/attendance")
async def attendance(request: Request, session_id: IdPath, session: StaffSession, form: CheckedForm,
                     clock: ClockDep) -> Response:
    row = await _session_for(session_id, session)
    staff = await auth.get_staff_user(session.staff_id)
    ids = [int(v) for v in form_list(form, "registration_id") if v.isdigit()]
    attended = form.get("attended", "1") == "1"
    try:
        result = await mark_attendance(session=row, staff=staff, registration_ids=ids, attended=attended,
                                       now=clock.utcnow())
    except DomainError as exc:
        raise HTTPException(exc.status, for_staff(exc.message_th)) from exc
    await audit.record(actor=session.actor, action="attendance.mark" if attended else "attendance.unmark",
                       target_type="session", target_id=session_id,
                       details={"marked": result.marked, "unmarked": result.unmarked})
    return RedirectResponse(f"/admin/sessions/{session_id}?msg={quote('บันทึกการเข้าอบรมแล้ว')}", status_code=303)
