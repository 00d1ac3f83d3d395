"""my_registrations and cancel_registration: list, confirm, cancel; a freed seat promotes the next in line."""

from __future__ import annotations

from backend.services import registration
from backend.services.errors import DomainError, NotCancellable
from backend.thai_dates import thai_date_range
from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import error_text, menu_quick, say
from bot.notify import notify_promotion
from bot.render import texts
from bot.render.messages import message_action, postback_action, text
from bot.render.registrations import my_registrations

router = Router("my_registrations")
CANCEL_STATE = "confirm_cancel"


async def _show(ctx: Context, *, intro: str | None = None) -> None:
    member = await ctx.member()
    regs = await registration.list_member_registrations(member.id, clock=ctx.clock)
    if not regs:
        await say(ctx, texts.MY_NONE, quick=[message_action(texts.INTENT_LABELS["search_courses"])])
        return
    head = intro or texts.MY_HEAD.format(count=len(regs))
    await ctx.send(text(head), my_registrations(regs, ctx.pb))


@router.intent("my_registrations")
async def show(ctx: Context) -> None:
    await _show(ctx)


@router.intent("cancel_registration")
async def cancel_intent(ctx: Context) -> None:
    await _show(ctx, intro=texts.CANCEL_WHICH)


@router.postback("cancel")
async def ask_cancel(ctx: Context) -> None:
    assert ctx.postback is not None
    member = await ctx.member()
    reg_id = ctx.postback.int("r") or 0
    try:
        reg = await registration.get_member_registration(registration_id=reg_id, member_id=member.id,
                                                         clock=ctx.clock)
    except DomainError as exc:
        await say(ctx, error_text(exc))
        return
    if not reg.cancellable:
        await say(ctx, texts.START_AGAIN if reg.status == "cancelled" else NotCancellable().message_th)
        return
    await ctx.state.set(ctx.user_id, CANCEL_STATE, {"r": reg_id}, ttl_seconds=900)
    body = texts.CONFIRM_CANCEL.format(course=reg.course_title_th, no=reg.session_no,
                                       dates=thai_date_range(reg.start_date, reg.end_date))
    await ctx.send(text(body, quick=[
        postback_action(texts.CONFIRM, ctx.pb("cancel_ok", r=reg_id), display_text=texts.CONFIRM),
        postback_action(texts.KEEP, ctx.pb("cancel_no"), display_text=texts.KEEP),
    ]))


@router.postback("cancel_ok")
async def do_cancel(ctx: Context) -> None:
    assert ctx.postback is not None
    pending = await ctx.state.pop(ctx.user_id, CANCEL_STATE)
    reg_id = ctx.postback.int("r")
    if not pending or pending.get("r") != reg_id:
        await say(ctx, texts.START_AGAIN, quick=menu_quick(ctx))
        return
    member = await ctx.member()
    try:
        reg = await registration.get_member_registration(registration_id=reg_id, member_id=member.id,
                                                         clock=ctx.clock)
        result = await registration.cancel_registration(registration_id=reg_id, member_id=member.id,
                                                        actor=f"line:{member.id}", clock=ctx.clock)
    except DomainError as exc:
        await say(ctx, error_text(exc))
        return
    await say(ctx, texts.CANCELLED.format(course=reg.course_title_th, no=reg.session_no), quick=menu_quick(ctx))
    if result.promoted is not None:
        await notify_promotion(ctx.runtime, result.promoted)


@router.postback("cancel_no")
async def keep(ctx: Context) -> None:
    await ctx.state.delete(ctx.user_id, CANCEL_STATE)
    await say(ctx, texts.REGISTER_ABORTED, quick=menu_quick(ctx))
