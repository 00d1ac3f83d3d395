"""A nomination by the member's agency coordinator: accept (registered or waitlisted, as self-registration)
or decline, from the buttons of the pushed question."""

from __future__ import annotations

from backend.services import coordination
from backend.services.errors import DomainError
from bot.context import Context
from bot.dispatcher import Router
from bot.filters import integer
from bot.handlers.common import error_text, menu_quick, say
from bot.render.nominations import PB_ACCEPT, PB_DECLINE, answered_before, declined_message
from bot.render.registrations import registration_done

router = Router("nominations")


async def _answer(ctx: Context, nomination_id: int, *, accept: bool) -> None:
    member = await ctx.member()
    if member is None:
        return
    try:
        answer = await coordination.answer_nomination(nomination_id=nomination_id, member_id=member.id,
                                                      accept=accept, clock=ctx.clock)
    except DomainError as exc:
        await say(ctx, error_text(exc), quick=menu_quick(ctx))
        return
    if not answer.answered_now:
        await ctx.send(answered_before(answer.status))
    elif answer.registration is not None:
        await ctx.send(registration_done(answer.registration))
    else:
        await ctx.send(declined_message())


@router.postback(PB_ACCEPT, nomination_id=integer("n"))
async def accept(ctx: Context, nomination_id: int) -> None:
    await _answer(ctx, nomination_id, accept=True)


@router.postback(PB_DECLINE, nomination_id=integer("n"))
async def decline(ctx: Context, nomination_id: int) -> None:
    await _answer(ctx, nomination_id, accept=False)
