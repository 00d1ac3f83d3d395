"""my_registrations and cancel_registration: list, confirm, cancel; a freed seat promotes the next in line."""

from __future__ import annotations

from backend.services import registration
from backend.services.errors import DomainError, NotCancellable
from bot.context import Context
from bot.dispatcher import Router
from bot.filters import integer
from bot.handlers.common import error_text, menu_quick, say
from bot.render import texts
from bot.render.messages import message_action, text
from bot.render.registrations import confirm_cancel, kept, my_registrations

router = Router("my_registrations")
CANCEL_STATE = "confirm_cancel"


async def _show(ctx: Context, *, intro: str | None = None) -> None:
    member = await ctx.member()
    assert member is not None
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


@router.postback("cancel", registration_id=integer("r"))
async def ask_cancel(ctx: Context, registration_id: int) -> None:
    member = await ctx.member()
    assert member is not None
    try:
        reg = await registration.get_member_registration(registration_id=registration_id, member_id=member.id,
                                                         clock=ctx.clock)
    except DomainError as exc:
        await say(ctx, error_text(exc))
        return
    if not reg.cancellable:
        await say(ctx, texts.START_AGAIN if reg.status == "cancelled" else NotCancellable().message_th)
        return
    await ctx.state.set(ctx.user_id, CANCEL_STATE, {"r": registration_id}, ttl_seconds=900)
    await ctx.send(confirm_cancel(reg, ctx.pb))


@router.postback("cancel_ok", registration_id=integer("r"))
async def do_cancel(ctx: Context, registration_id: int) -> None:
    pending = await ctx.state.pop(ctx.user_id, CANCEL_STATE)
    if not pending or pending.get("r") != registration_id:
        await say(ctx, texts.START_AGAIN, quick=menu_quick(ctx))
        return
    member = await ctx.member()
    assert member is not None
    try:
        reg = await registration.get_member_registration(registration_id=registration_id, member_id=member.id,
                                                         clock=ctx.clock)
        await registration.cancel_registration(registration_id=registration_id, member_id=member.id,
                                               actor=f"line:{member.id}", clock=ctx.clock,
                                               announcer=ctx.runtime.announcer)
    except DomainError as exc:
        await say(ctx, error_text(exc))
        return
    await say(ctx, texts.CANCELLED.format(course=reg.course_title_th, no=reg.session_no), quick=menu_quick(ctx))


@router.postback("cancel_no", registration_id=integer("r", default=None))
async def keep(ctx: Context, registration_id: int | None) -> None:
    """"ไม่ยกเลิก": nothing is cancelled, whenever it is tapped; say that the place is kept (a registration
    cancelled meanwhile some other way is not said to be kept)."""
    await ctx.state.delete(ctx.user_id, CANCEL_STATE)
    member = await ctx.member()
    assert member is not None
    reg = None
    if registration_id is not None:
        try:
            reg = await registration.get_member_registration(registration_id=registration_id, member_id=member.id,
                                                             clock=ctx.clock)
        except DomainError as exc:
            await say(ctx, error_text(exc), quick=menu_quick(ctx))
            return
        if reg.status == "cancelled":
            await say(ctx, texts.ALREADY_CANCELLED, quick=menu_quick(ctx))
            return
    await say(ctx, kept(reg), quick=menu_quick(ctx))
