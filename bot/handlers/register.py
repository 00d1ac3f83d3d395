"""register: pick a session -> confirm (ยืนยัน / ยกเลิก) -> registered or waitlisted (with position)."""

from __future__ import annotations

import secrets

from backend.services import catalogue, registration
from backend.services.errors import DomainError
from backend.thai_dates import thai_date_range
from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import error_text, menu_quick, say
from bot.render import texts
from bot.render.courses import place_text
from bot.render.messages import message_action, postback_action, text

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


def _place(session: object) -> str:
    return f"\n{place_text(session)}"


@router.postback("reg")
async def pick_session(ctx: Context) -> None:
    assert ctx.postback is not None
    await ask_to_confirm(ctx, ctx.postback.int("s"))


async def ask_to_confirm(ctx: Context, session_id: int | None) -> None:
    try:
        session = await catalogue.get_session(session_id or 0, clock=ctx.clock)
    except DomainError as exc:
        await say(ctx, error_text(exc))
        return
    if session.registration_state != "open":
        await say(ctx, STATE_TEXTS.get(session.registration_state, texts.REGISTRATION_CLOSED))
        return
    nonce = secrets.token_hex(4)
    await ctx.state.set(ctx.user_id, CONFIRM_STATE, {"s": session.id, "n": nonce}, ttl_seconds=900)
    body = texts.CONFIRM_REGISTER.format(
        course=session.course_title_th, no=session.no,
        dates=thai_date_range(session.start_date, session.end_date), place=_place(session),
    )
    if session.seats_left <= 0:
        body += "\n(รุ่นนี้เต็มแล้ว จะได้อยู่ในรายชื่อสำรองค่ะ)"
    await ctx.send(text(body, quick=[
        postback_action(texts.CONFIRM, ctx.pb("reg_ok", s=session.id, n=nonce), display_text=texts.CONFIRM),
        postback_action(texts.CANCEL, ctx.pb("reg_no", n=nonce), display_text=texts.CANCEL),
    ]))


@router.postback("reg_ok")
async def confirm(ctx: Context) -> None:
    assert ctx.postback is not None
    pending = await ctx.state.pop(ctx.user_id, CONFIRM_STATE)
    session_id = ctx.postback.int("s")
    if not pending or pending.get("n") != ctx.postback.params.get("n") or pending.get("s") != session_id:
        await say(ctx, texts.START_AGAIN, quick=menu_quick(ctx))
        return
    member = await ctx.member()
    try:
        result = await registration.register_member_for_session(
            member_id=member.id, session_id=session_id, actor=f"line:{member.id}", clock=ctx.clock
        )
    except DomainError as exc:
        await say(ctx, error_text(exc), quick=menu_quick(ctx))
        return
    session = result.session
    dates = thai_date_range(session.start_date, session.end_date)
    if result.status == "waitlisted":
        body = texts.WAITLISTED.format(position=result.waitlist_position, course=session.course_title_th,
                                       no=session.no)
    else:
        body = texts.REGISTERED.format(course=session.course_title_th, no=session.no, dates=dates,
                                       place=_place(session))
    await say(ctx, body, quick=[message_action(texts.INTENT_LABELS["my_registrations"]),
                                message_action(texts.INTENT_LABELS["search_courses"])])


@router.postback("reg_no")
async def abort(ctx: Context) -> None:
    await ctx.state.delete(ctx.user_id, CONFIRM_STATE)
    await say(ctx, texts.REGISTER_ABORTED, quick=menu_quick(ctx))


@router.intent("register")
async def register_intent(ctx: Context) -> None:
    """Free text "สมัคร…": a course code or topic leads to a search; otherwise explain how to pick one."""
    from bot.handlers.search import search

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
        await search(ctx)
        return
    await say(ctx, texts.ASK_WHICH_COURSE, quick=menu_quick(ctx, intents=("search_courses", "my_registrations")))
