"""A member's own copy of their data (PDPA right of access), from the signed link the bot sends."""

from __future__ import annotations

import json

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from backend.deps import ClockDep, SettingsDep
from backend.services import audit, members
from backend.services.data_export_links import PATH, ExportLinkExpired, ExportLinkInvalid, read_token
from backend.services.errors import MemberNotFound

router = APIRouter(tags=["members"])

EXPIRED_TH = "ลิงก์นี้หมดอายุแล้ว กรุณาขอสำเนาข้อมูลใหม่ในแชต LINE ค่ะ"
INVALID_TH = "ลิงก์นี้ไม่ถูกต้อง กรุณาขอสำเนาข้อมูลใหม่ในแชต LINE ค่ะ"
GONE_TH = "ไม่พบข้อมูลของท่านแล้ว (อาจถูกลบไปแล้ว) ค่ะ"
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}


def _refuse(status: int, reason: str) -> JSONResponse:
    return JSONResponse({"detail": reason}, status_code=status, headers=NO_STORE)


@router.get(PATH, include_in_schema=False)  # a link from the LINE chat, not part of the staff API
async def my_data(settings: SettingsDep, clock: ClockDep, token: str = Query("", max_length=500)) -> Response:
    try:
        member_id = read_token(settings.secret_key, token, now=clock.timestamp())
    except ExportLinkExpired:
        return _refuse(403, EXPIRED_TH)
    except ExportLinkInvalid:
        return _refuse(403, INVALID_TH)
    try:
        member = await members.get_member(member_id)
    except MemberNotFound:
        return _refuse(404, GONE_TH)
    if member.deleted_at is not None:
        return _refuse(404, GONE_TH)
    data = await members.export_member_data(member_id, clock=clock)
    await audit.record(actor=f"line:{member_id}", action="member.export_self", target_type="member",
                       target_id=member_id)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return Response(body, media_type="application/json; charset=utf-8", headers={
        **NO_STORE, "Content-Disposition": 'attachment; filename="my-data.json"'})
