"""evaluate: answer evaluation surveys in chat, one question at a time (quick replies 1-5 with Thai labels,
free text for comments, back/skip), resumable; the web form is the other way in."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.context import Context
from bot.dispatcher import STEP_KEY, Router
from bot.handlers.common import menu_quick, say
from bot.render import survey_texts as st
from bot.render.messages import postback_action, text

router = Router("survey")
STEP_NAME = "survey"
PAUSE_WORDS = {"พัก", "พักไว้ก่อน", "หยุด", "ยกเลิก", "ไว้ทีหลัง", "ออก"}
PAUSED = "พักการตอบไว้ก่อนค่ะ พิมพ์ \"ทำแบบประเมิน\" เมื่อพร้อมตอบต่อ ระบบจำคำตอบไว้ให้แล้วค่ะ"
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _now(ctx: Context) -> dt.datetime:
    return ctx.clock.utcnow()


async def _member_id(ctx: Context) -> int | None:
    member = await ctx.member()
    return None if member is None else int(member.id)


@router.intent("evaluate")
async def evaluate(ctx: Context) -> None:
    trainer = await _linked_trainer(ctx)
    if trainer is not None:
        await _trainer_menu(ctx, trainer)
        return
    await _my_surveys(ctx)


@router.postback(st.PB_MINE)
async def my_surveys(ctx: Context) -> None:
    await _my_surveys(ctx)


async def _my_surveys(ctx: Context) -> None:
    from backend.services import surveys

    member_id = await _member_id(ctx)
    if member_id is None:
        await say(ctx, st.NOT_A_MEMBER)
        return
    open_surveys = await surveys.open_surveys_for(member_id, now=_now(ctx))
    if not open_surveys:
        await say(ctx, st.NO_OPEN_SURVEYS, quick=menu_quick(ctx))
        return
    if len(open_surveys) == 1:
        await _start(ctx, member_id, open_surveys[0].id)
        return
    await ctx.send(st.open_surveys_message(
        [(d.id, d.template.title_th, d.session.course.title_th) for d in open_surveys], ctx.pb))


@router.postback(st.PB_START)
async def start_from_button(ctx: Context) -> None:
    assert ctx.postback is not None
    member_id = await _member_id(ctx)
    dispatch_id = ctx.postback.int("d")
    if member_id is None or dispatch_id is None:
        await say(ctx, st.NOT_A_MEMBER)
        return
    await _start(ctx, member_id, dispatch_id)


async def _start(ctx: Context, member_id: int, dispatch_id: int) -> None:
    from backend.services import surveys
    from backend.services.errors import DomainError

    try:
        step = await surveys.chat_start(dispatch_id=dispatch_id, member_id=member_id, now=_now(ctx))
    except DomainError as exc:
        await say(ctx, exc.message_th, quick=menu_quick(ctx))
        return
    await ctx.state.set(ctx.user_id, STEP_KEY, {"name": STEP_NAME, "d": dispatch_id}, ttl_seconds=7 * 24 * 3600)
    intro = st.survey_start_message(step.title_th, step.total) if step.index == 0 else None
    await ctx.send(intro, _question(ctx, step))


def _question(ctx: Context, step: Any) -> dict[str, Any]:
    return st.question_message(dispatch_id=step.dispatch_id, index=step.index, total=step.total,
                               question=step.question, current=step.answers.get(step.question["key"]),
                               pb=ctx.pb, error_th=step.error_th)


@router.postback(st.PB_ANSWER)
async def answer_from_button(ctx: Context) -> None:
    assert ctx.postback is not None
    member_id = await _member_id(ctx)
    dispatch_id, index = ctx.postback.int("d"), ctx.postback.int("q")
    if member_id is None or dispatch_id is None or index is None:
        await say(ctx, st.NOT_A_MEMBER)
        return
    action = ctx.postback.params.get("a") or "answer"
    await _apply(ctx, member_id, dispatch_id, index, ctx.postback.params.get("v"), action)


@router.step(STEP_NAME)
async def answer_from_text(ctx: Context) -> None:
    from backend.services import surveys
    from backend.services.errors import DomainError

    state = await ctx.state.get(ctx.user_id, STEP_KEY) or {}
    member_id = await _member_id(ctx)
    dispatch_id = int(state.get("d") or 0)
    if member_id is None or not dispatch_id:
        await ctx.state.delete(ctx.user_id, STEP_KEY)
        return
    typed = ctx.text.strip()
    if typed in PAUSE_WORDS:
        await ctx.state.delete(ctx.user_id, STEP_KEY)
        await say(ctx, PAUSED, quick=menu_quick(ctx))
        return
    try:
        step = await surveys.chat_start(dispatch_id=dispatch_id, member_id=member_id, now=_now(ctx))
    except DomainError as exc:
        await ctx.state.delete(ctx.user_id, STEP_KEY)
        await say(ctx, exc.message_th, quick=menu_quick(ctx))
        return
    value = _typed_value(step.question, typed)
    if step.question["type"] in ("scale5", "single", "multi") and not _acceptable(step.question, value):
        handler = _other_intent_handler(ctx)
        if handler is not None:  # the member asked something else: pause (answers are kept) and answer that
            await ctx.state.delete(ctx.user_id, STEP_KEY)
            await handler(ctx)
            return
    await _apply(ctx, member_id, dispatch_id, step.index, value, "answer")


def _acceptable(question: dict[str, Any], value: Any) -> bool:
    from backend.services.surveys import validate_answer

    try:
        return validate_answer(question, value) is not None
    except ValueError:
        return False


def _other_intent_handler(ctx: Context) -> Any:
    """The handler of a confident intent other than evaluate (None when the text is just a wrong answer)."""
    from bot.dispatcher import CONFIDENCE_THRESHOLD

    parse = ctx.parse
    bot = ctx.runtime.extras.get("bot")
    if parse is None or bot is None or parse.intent in ("evaluate", "out_of_scope", "greet", "thanks"):
        return None
    if parse.confidence < CONFIDENCE_THRESHOLD or not bot.dispatcher.has(("intent", parse.intent)):
        return None
    return bot.dispatcher.handler_for([("intent", parse.intent)])


def _typed_value(question: dict[str, Any], typed: str) -> Any:
    """Typed answers: digits for scales and numbers (Thai digits too), option numbers or labels for choices."""
    value = typed.translate(THAI_DIGITS)
    if question["type"] in ("scale5", "number"):
        match = re.search(r"-?\d+(?:\.\d+)?", value)
        return match.group(0) if match else value
    if question["type"] in ("single", "multi"):
        options = question["options"]
        picked = []
        for part in re.split(r"[,\s]+", value.strip()):
            if part.isdigit() and 1 <= int(part) <= len(options):
                picked.append(options[int(part) - 1]["value"])
            else:
                picked.extend(o["value"] for o in options if o["label"] == part)
        if not picked:
            return value  # rejected by validation with a reason
        return picked if question["type"] == "multi" else picked[0]
    return typed


async def _apply(ctx: Context, member_id: int, dispatch_id: int, index: int, value: Any, action: str) -> None:
    from backend.services import certificates, surveys
    from backend.services.errors import DomainError

    now = _now(ctx)
    try:
        step = await surveys.chat_answer(dispatch_id=dispatch_id, member_id=member_id, index=index, value=value,
                                         action=action, now=now)
    except DomainError as exc:
        await ctx.state.delete(ctx.user_id, STEP_KEY)
        await say(ctx, exc.message_th, quick=menu_quick(ctx))
        return
    if not step.done:
        await ctx.state.set(ctx.user_id, STEP_KEY, {"name": STEP_NAME, "d": dispatch_id}, ttl_seconds=7 * 24 * 3600)
        await ctx.send(_question(ctx, step))
        return
    await ctx.state.delete(ctx.user_id, STEP_KEY)
    assert step.result is not None
    await ctx.send(st.survey_thanks_message(updated=not step.result.created))
    cert = await certificates.issue_after_answer(step.result.registration_id, now=now)
    if cert is not None:
        await ctx.runtime.queue.enqueue_job("push_certificates")




# ---------------------------------------------------------------- trainers with a linked LINE account


async def _linked_trainer(ctx: Context) -> Any:
    from backend.services import auth

    return await auth.get_linked_trainer(ctx.user_id)


async def _trainer_menu(ctx: Context, trainer: Any) -> None:
    from backend.services import surveys

    sessions = await surveys.sessions_to_evaluate(trainer, now=_now(ctx))
    quick = [postback_action(st.session_label(s.no, s.course.title_th), ctx.pb(st.PB_PICK, s=s.id),
                             display_text=st.session_label(s.no, s.course.title_th)) for s in sessions[:11]]
    quick.append(postback_action(st.LABEL_MINE, ctx.pb(st.PB_MINE), display_text=st.LABEL_MINE))
    await ctx.send(text(st.TRAINER_MENU if sessions else st.TRAINER_NO_SESSIONS, quick=quick))


async def _trainer_and_session(ctx: Context) -> tuple[Any, Any] | None:
    """The linked trainer and the session named by the postback, if it is theirs; else say why not."""
    from backend.services import surveys
    from backend.services.errors import DomainError

    assert ctx.postback is not None
    trainer = await _linked_trainer(ctx)
    session_id = ctx.postback.int("s")
    if trainer is None or session_id is None:
        await say(ctx, st.TRAINER_ONLY)
        return None
    try:
        return trainer, await surveys.session_for_staff(session_id, trainer)
    except DomainError as exc:
        await say(ctx, exc.message_th)
        return None


@router.postback(st.PB_PICK)
async def trainer_pick(ctx: Context) -> None:
    found = await _trainer_and_session(ctx)
    if found is None:
        return
    _, session = found
    confirm = [postback_action(st.LABEL_SEND_L1, ctx.pb(st.PB_SEND, s=session.id, t="l1_satisfaction"),
                               display_text=st.LABEL_SEND_L1),
               postback_action(st.LABEL_CANCEL, ctx.pb(st.PB_MINE), display_text=st.LABEL_CANCEL)]
    await ctx.send(text(st.trainer_confirm(session.no, session.course.title_th), quick=confirm))


@router.postback(st.PB_SEND)
async def trainer_send(ctx: Context) -> None:
    from backend.services import surveys
    from backend.services.errors import DomainError

    found = await _trainer_and_session(ctx)
    if found is None:
        return
    trainer, session = found
    assert ctx.postback is not None
    now = _now(ctx)
    try:
        summary = await surveys.dispatch_survey(
            session=session, template_code=ctx.postback.params.get("t") or "l1_satisfaction",
            deadline=now + dt.timedelta(days=st.CHAT_DISPATCH_DAYS), staff=trainer, now=now)
    except DomainError as exc:
        await say(ctx, exc.message_th)
        return
    await ctx.runtime.queue.enqueue_job("push_survey_invites", summary.id, _job_id=f"survey-invites:{summary.id}")
    await say(ctx, st.trainer_sent(summary.invited, summary.deadline))
