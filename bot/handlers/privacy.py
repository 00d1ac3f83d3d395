"""delete_my_data: confirm, delete personal data (keep anonymous statistics), say what was deleted."""

from __future__ import annotations

from backend.services import members
from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.notify import notify_promotion
from bot.render import texts
from bot.render.messages import postback_action, text

router = Router("privacy")
DELETE_STATE = "confirm_delete"
FIELD_NAMES = {
    "line_user_id": "การเชื่อมโยงบัญชี LINE",
    "display_name": "ชื่อ",
    "agency_text": "หน่วยงาน",
    "position": "ตำแหน่ง",
    "province": "จังหวัด",
    "consent_at": "ความยินยอม",
    "consent_version": None,
    "agency_id": None,
    "target_group_id": "กลุ่มเป้าหมาย",
}


@router.intent("delete_my_data")
async def ask_delete(ctx: Context) -> None:
    await ctx.state.set(ctx.user_id, DELETE_STATE, {"ok": 1}, ttl_seconds=600)
    await ctx.send(text(texts.DELETE_CONFIRM, quick=[
        postback_action(texts.DELETE_YES, ctx.pb("del_ok"), display_text=texts.DELETE_YES),
        postback_action(texts.CANCEL, ctx.pb("del_no"), display_text=texts.CANCEL),
    ]))


@router.postback("del_ok")
async def delete(ctx: Context) -> None:
    if not await ctx.state.pop(ctx.user_id, DELETE_STATE):
        await say(ctx, texts.START_AGAIN, quick=menu_quick(ctx))
        return
    member = await ctx.member()
    report = await members.delete_member_data(member_id=member.id, actor=f"line:{member.id}")
    await ctx.state.clear(ctx.user_id)
    await ctx.member(refresh=True)  # gone: nothing more is logged for this user
    fields = [FIELD_NAMES.get(f, f) for f in report.cleared_fields]
    lines = ["• ข้อมูลส่วนตัว: " + ", ".join(dict.fromkeys(f for f in fields if f))] if fields else []
    if report.registrations_cancelled:
        lines.append(f"• ยกเลิกการสมัครที่ยังไม่ถึงกำหนด {len(report.registrations_cancelled)} รายการ")
    if report.registrations_kept_anonymous:
        lines.append(f"• ประวัติการอบรม {report.registrations_kept_anonymous} รายการ เก็บไว้เป็นสถิติแบบไม่ระบุตัวตน")
    lines.append(f"• ประวัติการสนทนา {report.conversation_messages_deleted} ข้อความ")
    if report.certificates_anonymised:
        lines.append(f"• ชื่อบนใบประกาศ {report.certificates_anonymised} ใบ (ใบประกาศยังตรวจสอบได้)")
    await ctx.send(text(texts.DELETE_DONE.format(details="\n".join(lines)), quick=[
        postback_action(texts.START_AGAIN_LABEL, ctx.pb("start"), display_text=texts.START_AGAIN_LABEL)]))
    for promotion in report.promoted:
        await notify_promotion(ctx.runtime, promotion)


@router.postback("del_no")
async def keep(ctx: Context) -> None:
    await ctx.state.delete(ctx.user_id, DELETE_STATE)
    await say(ctx, texts.DELETE_KEPT, quick=menu_quick(ctx))
