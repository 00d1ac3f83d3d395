"""register: pick a session -> confirm (ยืนยัน / ยกเลิก) -> registered or waitlisted (with position)."""

from __future__ import annotations

import secrets

from backend.services import catalogue, registration
from backend.services.errors import DomainError
from bot.context import Context
from bot.dispatcher import Router, SkipHandler
from bot.filters import code, integer
from bot.handlers.common import error_text, menu_quick, say
from bot.render import texts
from bot.render.registrations import confirm_register, registration_done

router = Router("register")
CONFIRM_STATE = "confirm_register"
LAST_COURSE_STATE = "last_course"  # set by the course detail view
STATE_TEXTS = {
    "closed": texts.REGISTRATION_CLOSED,
    "past": texts.SESSION_PAST,
    "cancelled": texts.SESSION_CANCELLED,
    "not_open_yet": texts.REGISTRATION_NOT_OPEN,
    "course_unavailable": texts.REGISTRATION_CLOSED,
}


@router.postback("reg", session_id=integer("s"))
async def pick_session(ctx: Context, session_id: int) -> None:
    await ask_to_confirm(ctx, session_id)


async def ask_to_confirm(ctx: Context, session_id: int) -> None:
    try:
        session = await catalogue.get_session(session_id, clock=ctx.clock)
    except DomainError as exc:
        await say(ctx, error_text(exc))
        return
    if session.registration_state != "open":
        await say(ctx, STATE_TEXTS.get(session.registration_state, texts.REGISTRATION_CLOSED))
        return
    nonce = secrets.token_hex(4)
    await ctx.state.set(ctx.user_id, CONFIRM_STATE, {"s": session.id, "n": nonce}, ttl_seconds=900)
    await ctx.send(confirm_register(session, nonce=nonce, pb=ctx.pb))


@router.postback("reg_ok", session_id=integer("s"), nonce=code("n"))
async def confirm(ctx: Context, session_id: int, nonce: str) -> None:
    pending = await ctx.state.pop(ctx.user_id, CONFIRM_STATE)
    if not pending or pending.get("n") != nonce or pending.get("s") != session_id:
        await say(ctx, texts.START_AGAIN, quick=menu_quick(ctx))
        return
    member = await ctx.member()
    assert member is not None
    try:
        result = await registration.register_member_for_session(
            member_id=member.id, session_id=session_id, actor=f"line:{member.id}", clock=ctx.clock
        )
    except DomainError as exc:
        await say(ctx, error_text(exc), quick=menu_quick(ctx))
        return
    await ctx.send(registration_done(result))


@router.postback("reg_no")
async def abort(ctx: Context) -> None:
    await ctx.state.delete(ctx.user_id, CONFIRM_STATE)
    await say(ctx, texts.REGISTER_ABORTED, quick=menu_quick(ctx))


@router.intent("register")
async def register_intent(ctx: Context) -> None:
    """Free text "สมัคร…": a course code or topic leads to a search; otherwise explain how to pick one."""
    parse = ctx.parse
    session_no = parse.first("session_no") if parse is not None else None
    last = await ctx.state.get(ctx.user_id, LAST_COURSE_STATE)
    if session_no is not None and last and not (parse and parse.first("course_code")):
        # "สมัครรุ่นที่ 2" right after looking at a course: that course's session 2.
        try:
            course = await catalogue.get_course(last["c"], clock=ctx.clock)
        except DomainError as exc:
            await say(ctx, error_text(exc))
            return
        match = next((s for s in course.sessions if s.no == session_no.value), None)
        if match is not None:
            await ask_to_confirm(ctx, match.id)
            return
    if parse is not None and (parse.first("course_code") or parse.first("topic")):
        raise SkipHandler(("intent", "search_courses"))
    await say(ctx, texts.ASK_WHICH_COURSE, quick=menu_quick(ctx, intents=("search_courses", "my_registrations")))
