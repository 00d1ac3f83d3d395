"""Conversations handed over to a person: list, read, answer as staff, give back to the bot."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from backend.admin.web import AdminRoute, AdminSessionDep, CheckedForm, render
from backend.api.params import IdPath
from backend.deps import ClockDep
from backend.services import audit, handover, members
from backend.services.errors import DomainError
from backend.services.input_errors import for_staff

if TYPE_CHECKING:
    from backend.services.handover import HandoverView

router = APIRouter(prefix="/handover", route_class=AdminRoute)


@router.get("")
async def handover_list(request: Request, session: AdminSessionDep) -> Response:
    items = await handover.list_open_handovers()
    names = await members.display_names_by_line_id([h.line_user_id for h in items])
    return render(request, "handover.html", session=session, items=items, names=names,
                  flash=request.query_params.get("msg"))


async def _get(handover_id: int) -> HandoverView:
    try:
        return await handover.get_handover(handover_id)
    except DomainError as exc:
        raise HTTPException(404, for_staff(exc.message_th)) from exc


@router.get("/{handover_id}")
async def handover_detail(request: Request, handover_id: IdPath, session: AdminSessionDep) -> Response:
    item = await _get(handover_id)
    messages = await handover.recent_messages(line_user_id=item.line_user_id, limit=50)
    names = await members.display_names_by_line_id([item.line_user_id])
    return render(request, "handover_detail.html", session=session, h=item, messages=messages,
                  name=names.get(item.line_user_id, "ผู้ใช้ LINE"), flash=request.query_params.get("msg"))


@router.post("/{handover_id}/reply")
async def reply(request: Request, handover_id: IdPath, session: AdminSessionDep, form: CheckedForm,
                clock: ClockDep) -> Response:
    text = str(form.get("text") or "").strip()
    if not text:
        return RedirectResponse(f"/admin/handover/{handover_id}", status_code=303)
    try:
        delivered = await handover.staff_reply(handover_id=handover_id, staff_user_id=session.staff_id, text=text,
                                               notifier=request.app.state.runtime.notifier, at=clock.utcnow())
    except DomainError as exc:
        return RedirectResponse(f"/admin/handover/{handover_id}?msg={quote(for_staff(exc.message_th))}",
                                status_code=303)
    await audit.record(actor=session.actor, action="handover.reply", target_type="handover", target_id=handover_id)
    message = "ส่งข้อความแล้ว" if delivered else "บันทึกข้อความแล้ว แต่ส่งทาง LINE ไม่สำเร็จ"
    return RedirectResponse(f"/admin/handover/{handover_id}?msg={quote(message)}", status_code=303)


@router.post("/{handover_id}/release")
async def release(request: Request, handover_id: IdPath, session: AdminSessionDep, form: CheckedForm,
                  clock: ClockDep) -> Response:
    await _get(handover_id)
    await handover.release_handover(handover_id=handover_id, staff_user_id=session.staff_id,
                                    now=clock.utcnow(), notifier=request.app.state.runtime.notifier)
    await audit.record(actor=session.actor, action="handover.release", target_type="handover",
                       target_id=handover_id)
    return RedirectResponse(f"/admin/handover?msg={quote('ส่งการสนทนากลับให้ระบบอัตโนมัติแล้ว')}", status_code=303)
