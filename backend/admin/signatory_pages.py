"""Certificate signatories (admins only): who signs the certificates of each provider's courses, with ONDE's
signatory for providers that have none; name, position and a signature image (PNG or JPEG, at most 300 kB
and 2000 px a side). Every change is audited by the certificates service."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from backend.admin.web import AdminRoute, AdminSessionDep, CheckedForm, render
from backend.services import certificates
from backend.services.errors import ValidationFailed

router = APIRouter(prefix="/signatories", route_class=AdminRoute)
ONDE = "onde"


def _provider_id(who: str) -> int | None:
    """"onde" → None (ONDE's own signatory); a provider id → that id; anything else is not a page."""
    if who == ONDE:
        return None
    if who.isdigit() and len(who) <= 9:
        return int(who)
    raise HTTPException(404, "ไม่พบผู้จัดอบรมนี้")


async def _setting(who: str) -> certificates.SignatorySetting:
    try:
        return await certificates.signatory_setting(_provider_id(who))
    except certificates.ProviderNotFound as exc:
        raise HTTPException(404, "ไม่พบผู้จัดอบรมนี้") from exc


@router.get("")
async def signatory_list(request: Request, session: AdminSessionDep) -> Response:
    return render(request, "signatories.html", session=session, items=await certificates.list_signatory_settings(),
                  flash=request.query_params.get("msg"))


async def _edit_page(request: Request, session: Any, who: str, *, status_code: int = 200,
                     errors: list[str] | None = None, typed: dict[str, str] | None = None) -> Response:
    setting = await _setting(who)
    return render(request, "signatory_edit.html", status_code=status_code, session=session, who=who, s=setting,
                  errors=errors or [], typed=typed or {"name": setting.name, "position": setting.position},
                  max_kb=certificates.MAX_IMAGE_BYTES // 1024, max_px=certificates.MAX_IMAGE_SIDE)


@router.get("/{who}")
async def signatory_edit(request: Request, who: str, session: AdminSessionDep) -> Response:
    return await _edit_page(request, session, who)


async def _uploaded(form: dict[str, Any]) -> bytes | None:
    upload = form.get("image")
    if upload is None or not hasattr(upload, "read") or not upload.filename:
        return None
    data: bytes = await upload.read(certificates.MAX_IMAGE_BYTES + 1)
    return data or None


@router.post("/{who}")
async def signatory_save(request: Request, who: str, session: AdminSessionDep, form: CheckedForm) -> Response:
    setting = await _setting(who)
    typed = {"name": str(form.get("name") or "")[:600], "position": str(form.get("position") or "")[:600]}
    try:
        await certificates.save_signatory(provider_id=setting.provider_id, name=typed["name"],
                                          position=typed["position"], image=await _uploaded(form),
                                          remove_image=form.get("remove_image") == "1", actor=session.actor)
    except ValidationFailed as exc:
        return await _edit_page(request, session, who, status_code=422, errors=[exc.message_th], typed=typed)
    message = f"บันทึกผู้ลงนามวุฒิบัตรของ{setting.organisation}แล้ว"
    return RedirectResponse(f"/admin/signatories?msg={quote(message)}", status_code=303)


@router.post("/{who}/reset")
async def signatory_reset(request: Request, who: str, session: AdminSessionDep, form: CheckedForm) -> Response:
    provider_id = _provider_id(who)
    if provider_id is None:
        raise HTTPException(400, "ผู้ลงนามของ สดช. เป็นค่าเริ่มต้นอยู่แล้ว")
    setting = await _setting(who)
    await certificates.reset_signatory(provider_id=provider_id, actor=session.actor)
    message = f"วุฒิบัตรของ{setting.organisation}ใช้ผู้ลงนามของ สดช. แล้ว"
    return RedirectResponse(f"/admin/signatories?msg={quote(message)}", status_code=303)


@router.get("/{who}/image")
async def signatory_image(who: str, session: AdminSessionDep) -> Response:
    found = await certificates.signature_image(_provider_id(who))
    if found is None:
        raise HTTPException(404, "ยังไม่มีภาพลายมือชื่อ")
    data, media_type = found
    return Response(data, media_type=media_type, headers={"Cache-Control": "no-store",
                                                          "X-Content-Type-Options": "nosniff"})
