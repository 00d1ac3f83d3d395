"""delete_my_data: a copy of my data (a signed download link) or deletion (confirm, delete personal data,
keep anonymous statistics, say what was deleted)."""

from __future__ import annotations

from backend.services import members
from backend.services.data_export_links import export_url
from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.notify import notify_promotion
from bot.render import texts
from bot.render.messages import bubble, button, flex, postback_action, t, text

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


EXPORT_WORDS = ("สำเนา", "ส่งออก", "ดาวน์โหลด", "export")
PERSONAL_WORDS = ("ส่วนตัว", "ส่วนบุคคล", "ที่เก็บ")


def asks_for_a_copy(message: str) -> bool:
    """"ขอสำเนาข้อมูลของฉัน", "ขอดูข้อมูลส่วนตัวที่เก็บไว้": the NLU has no intent for a copy of one's data."""
    words = message.replace(" ", "").lower()
    if "ข้อมูล" not in words and "data" not in words:
        return False
    return any(w in words for w in EXPORT_WORDS) or ("ดู" in words and any(w in words for w in PERSONAL_WORDS))


@router.intent("delete_my_data")
async def privacy_menu(ctx: Context) -> None:
    await ctx.send(text(texts.PRIVACY_MENU, quick=[
        postback_action(texts.PRIVACY_EXPORT, ctx.pb("priv_copy"), display_text=texts.PRIVACY_EXPORT),
        postback_action(texts.PRIVACY_DELETE, ctx.pb("priv_del"), display_text=texts.PRIVACY_DELETE),
        postback_action(texts.CANCEL, ctx.pb("priv_no"), display_text=texts.CANCEL),
    ]))


@router.phrase("export_my_data", asks_for_a_copy)
@router.postback("priv_copy")
async def send_copy_link(ctx: Context) -> None:
    member = await ctx.member()
    url = export_url(ctx.settings.public_base_url, ctx.settings.secret_key, member.id,
                     issued_at=ctx.clock.timestamp())
    card = bubble(body=[t(texts.EXPORT_READY)],
                  footer=[button({"type": "uri", "label": texts.EXPORT_BUTTON, "uri": url}, primary=True)])
    await ctx.send(flex(texts.EXPORT_ALT, card, quick=menu_quick(ctx)))


@router.postback("priv_no")
async def menu_cancelled(ctx: Context) -> None:
    await say(ctx, texts.PRIVACY_CANCELLED, quick=menu_quick(ctx))


@router.postback("priv_del")
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
    report = await members.delete_member_data(member_id=member.id, actor=f"line:{member.id}", clock=ctx.clock)
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
