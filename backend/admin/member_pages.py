"""Members (admins only): search, a member's profile and registrations, PDPA export and erasure."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from backend.admin.web import AdminRoute, AdminSessionDep, CheckedForm, render, target_group_names
from backend.api.params import IdPath
from backend.clock import Clock
from backend.deps import ClockDep
from backend.services import audit, certificates, members
from backend.services.admin_sessions import AdminSession
from backend.services.errors import MemberNotFound, ValidationFailed
from backend.services.registration import list_member_registrations
from backend.thai_dates import Month, thai_month

router = APIRouter(prefix="/members", route_class=AdminRoute)
PAGE_SIZE = 50
NAME_FIELDS = ("official_title", "official_first_name", "official_last_name")
FIELD_TH = {
    "line_user_id": "การเชื่อมโยงบัญชี LINE",
    "display_name": "ชื่อบัญชี LINE",
    "official_title": "คำนำหน้า",
    "official_first_name": "ชื่อ",
    "official_last_name": "นามสกุล",
    "official_name_at": "วันที่แจ้งชื่อ-นามสกุล",
    "agency_text": "หน่วยงาน (ที่พิมพ์เอง)",
    "position": "ตำแหน่ง",
    "province": "จังหวัด",
    "consent_at": "วันที่ให้ความยินยอม",
    "consent_version": "ฉบับของความยินยอม",
}


async def _member(member_id: IdPath) -> members.MemberInfo:
    try:
        return await members.get_member(member_id)
    except MemberNotFound as exc:
        raise HTTPException(404, "ไม่พบสมาชิกนี้") from exc


def consent_version_th(version: str | None) -> str:
    """The privacy notice's version as people read it: its month (2026-11 -> พ.ย. 2569)."""
    if not version:
        return ""
    try:
        return thai_month(Month.parse(version))
    except ValueError:
        return version


@router.get("")
async def member_list(request: Request, session: AdminSessionDep, q: str = "", page: int = 1) -> Response:
    q = q.strip()[:100]
    page = max(1, min(page, 10_000))
    found = await members.search_members(q=q or None, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(request, "members.html", session=session, q=q, page=page, items=found.items, total=found.total,
                  has_next=page * PAGE_SIZE < found.total, groups=await target_group_names(),
                  flash=request.query_params.get("msg"))


async def _detail(request: Request, member_id: int, session: AdminSession, clock: Clock, *, status_code: int = 200,
                  name_form: dict[str, str] | None = None, name_errors: dict[str, str] | None = None) -> Response:
    member = await _member(member_id)
    registrations = await list_member_registrations(member_id, include_cancelled=True, clock=clock)
    typed = name_form or {"official_title": member.official_title, "official_first_name": member.official_first_name,
                          "official_last_name": member.official_last_name}
    return render(request, "member_detail.html", status_code=status_code, session=session, m=member,
                  registrations=registrations, groups=await target_group_names(),
                  consent_version_th=consent_version_th(member.consent_version), flash=request.query_params.get("msg"),
                  name_form=typed, name_errors=name_errors or {}, titles=members.COMMON_TITLES)


@router.get("/{member_id}")
async def member_detail(request: Request, member_id: IdPath, session: AdminSessionDep, clock: ClockDep) -> Response:
    return await _detail(request, member_id, session, clock)


@router.post("/{member_id}/official-name")
async def correct_official_name(request: Request, member_id: IdPath, session: AdminSessionDep, form: CheckedForm,
                                clock: ClockDep) -> Response:
    """Correct the name certificates carry (audited as member.official_name; certificates keep their number)."""
    member = await _member(member_id)
    if member.deleted_at is not None:
        raise HTTPException(409, "ข้อมูลส่วนบุคคลของสมาชิกนี้ถูกลบแล้ว")
    typed = {field: str(form.get(field) or "").strip()[:200] for field in NAME_FIELDS}
    try:
        saved = await certificates.save_official_name(
            member_id=member_id, title=typed["official_title"], first_name=typed["official_first_name"],
            last_name=typed["official_last_name"], actor=session.actor, clock=clock)
    except ValidationFailed as exc:
        errors = {e["field"]: members.FIELD_MESSAGES_TH[e["field"]] for e in exc.errors}
        return await _detail(request, member_id, session, clock, status_code=422, name_form=typed,
                             name_errors=errors)
    if saved.issued:
        await request.app.state.runtime.queue.enqueue_job("push_certificates")
    message = "บันทึกชื่อ-นามสกุลแล้ว" if saved.change.changed_fields else "ชื่อ-นามสกุลไม่มีการเปลี่ยนแปลง"
    return RedirectResponse(f"/admin/members/{member_id}?msg={quote(message)}", status_code=303)


@router.get("/{member_id}/export.json")
async def member_export(request: Request, member_id: IdPath, session: AdminSessionDep, clock: ClockDep) -> Response:
    await _member(member_id)
    data = await members.export_member_data(member_id, clock=clock)
    await audit.record(actor=session.actor, action="member.export", target_type="member", target_id=member_id)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return Response(body, media_type="application/json; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="member-{member_id}.json"'})


@router.get("/{member_id}/delete")
async def delete_confirm(request: Request, member_id: IdPath, session: AdminSessionDep, clock: ClockDep) -> Response:
    member = await _member(member_id)
    if member.deleted_at is not None:
        return RedirectResponse(f"/admin/members/{member_id}", status_code=303)
    registrations = await list_member_registrations(member_id, clock=clock)
    return render(request, "member_delete.html", session=session, m=member,
                  cancellable=[r for r in registrations if r.cancellable])


@router.post("/{member_id}/delete")
async def delete(request: Request, member_id: IdPath, session: AdminSessionDep, form: CheckedForm,
                 clock: ClockDep) -> Response:
    await _member(member_id)
    if form.get("confirm") != "yes":
        return RedirectResponse(f"/admin/members/{member_id}/delete", status_code=303)
    report = await members.delete_member_data(member_id=member_id, actor=session.actor, clock=clock,
                                              channel=request.app.state.runtime.channel_memory,
                                              announcer=request.app.state.runtime.announcer)
    # delete_member_data writes the audit entry (member.delete_data) with this staff member as the actor.
    fields: list[Any] = [FIELD_TH.get(f, f) for f in report.cleared_fields]
    return render(request, "member_deleted.html", session=session, member_id=member_id, report=report,
                  fields=fields)
