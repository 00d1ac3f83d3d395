"""evaluate: answer evaluation surveys in chat, one question at a time (quick replies 1-5 with Thai labels,
free text for comments, back/skip), resumable; the web form is the other way in."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from backend.services import auth, certificates, surveys
from backend.services.errors import DomainError
from bot.context import Context
from bot.dispatcher import CONFIDENCE_THRESHOLD, STEP_KEY, Router, SkipHandler
from bot.filters import code, integer, text
from bot.handlers.common import menu_quick, say
from bot.handlers.official_name import ask_for_official_name
from bot.phrases import asks_to_pause, western_digits
from bot.render import survey_texts as st

if TYPE_CHECKING:  # the backend's records, as the services hand them over
    from backend.services.auth import StaffUser
    from backend.services.staff_access import Session

router = Router("survey")
STEP_NAME = "survey"
STEP_SECONDS = 7 * 24 * 3600
# Intents a wrong answer may resemble without the member meaning to leave the survey.
NOT_LEAVING_FOR = frozenset({"evaluate", "out_of_scope", "greet", "thanks"})


def _now(ctx: Context) -> dt.datetime:
    return ctx.clock.utcnow()


async def _member_id(ctx: Context) -> int | None:
    member = await ctx.member()
    return None if member is None else int(member.id)


@router.intent("evaluate")
async def evaluate(ctx: Context) -> None:
    trainer = await auth.get_linked_trainer(ctx.user_id)
    if trainer is not None:
        await _trainer_menu(ctx, trainer)
        return
    await _my_surveys(ctx)


@router.postback(st.PB_MINE)
async def my_surveys(ctx: Context) -> None:
    await _my_surveys(ctx)


async def _my_surveys(ctx: Context) -> None:
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


@router.postback(st.PB_START, dispatch_id=integer("d"))
async def start_from_button(ctx: Context, dispatch_id: int) -> None:
    member_id = await _member_id(ctx)
    if member_id is None:
        await say(ctx, st.NOT_A_MEMBER)
        return
    await _start(ctx, member_id, dispatch_id)


async def _start(ctx: Context, member_id: int, dispatch_id: int) -> None:
    try:
        step = await surveys.chat_start(dispatch_id=dispatch_id, member_id=member_id, now=_now(ctx))
    except DomainError as exc:
        await say(ctx, exc.message_th, quick=menu_quick(ctx))
        return
    await ctx.state.set(ctx.user_id, STEP_KEY, {"name": STEP_NAME, "d": dispatch_id}, ttl_seconds=STEP_SECONDS)
    intro = st.survey_start_message(step.title_th, step.total) if step.index == 0 else None
    await ctx.send(intro, _question(ctx, step))


def _question(ctx: Context, step: Any) -> dict[str, Any]:
    return st.question_message(dispatch_id=step.dispatch_id, index=step.index, total=step.total,
                               question=step.question, current=step.answers.get(step.question["key"]),
                               pb=ctx.pb, error_th=step.error_th)


@router.postback(st.PB_ANSWER, dispatch_id=integer("d"), index=integer("q"), action=code("a", default="answer"),
                 value=text("v", default=None))
async def answer_from_button(ctx: Context, dispatch_id: int, index: int, action: str, value: str | None) -> None:
    member_id = await _member_id(ctx)
    if member_id is None:
        await say(ctx, st.NOT_A_MEMBER)
        return
    await _apply(ctx, member_id, dispatch_id, index, value, action)


@router.step(STEP_NAME)
async def answer_from_text(ctx: Context) -> None:
    state = await ctx.state.get(ctx.user_id, STEP_KEY) or {}
    member_id = await _member_id(ctx)
    dispatch_id = int(state.get("d") or 0)
    if member_id is None or not dispatch_id:
        await ctx.state.delete(ctx.user_id, STEP_KEY)
        return
    typed = ctx.text.strip()
    if asks_to_pause(typed):
        await ctx.state.delete(ctx.user_id, STEP_KEY)
        await say(ctx, st.PAUSED, quick=menu_quick(ctx))
        return
    try:
        step = await surveys.chat_start(dispatch_id=dispatch_id, member_id=member_id, now=_now(ctx))
    except DomainError as exc:
        await ctx.state.delete(ctx.user_id, STEP_KEY)
        await say(ctx, exc.message_th, quick=menu_quick(ctx))
        return
    assert step.question is not None  # chat_start() always has a question to ask (once done, it starts over)
    value = _typed_value(step.question, typed)
    if step.question["type"] in ("scale5", "single", "multi") and not _acceptable(step.question, value):
        if _asks_something_else(ctx):
            # The member asked something else: pause (the answers are kept) and let that be answered.
            await ctx.state.delete(ctx.user_id, STEP_KEY)
            raise SkipHandler
    await _apply(ctx, member_id, dispatch_id, step.index, value, "answer")


def _acceptable(question: dict[str, Any], value: Any) -> bool:
    try:
        return surveys.validate_answer(question, value) is not None
    except ValueError:
        return False


def _asks_something_else(ctx: Context) -> bool:
    """A confident intent other than answering (a wrong answer is not a question)."""
    parse = ctx.parse
    return (parse is not None and parse.intent not in NOT_LEAVING_FOR
            and parse.confidence >= CONFIDENCE_THRESHOLD)


def _typed_value(question: dict[str, Any], typed: str) -> Any:
    """Typed answers: digits for scales and numbers (Thai digits too), option numbers or labels for choices."""
    value = western_digits(typed)
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
    now = _now(ctx)
    try:
        step = await surveys.chat_answer(dispatch_id=dispatch_id, member_id=member_id, index=index, value=value,
                                         action=action, now=now)
    except DomainError as exc:
        await ctx.state.delete(ctx.user_id, STEP_KEY)
        await say(ctx, exc.message_th, quick=menu_quick(ctx))
        return
    if not step.done:
        await ctx.state.set(ctx.user_id, STEP_KEY, {"name": STEP_NAME, "d": dispatch_id}, ttl_seconds=STEP_SECONDS)
        await ctx.send(_question(ctx, step))
        return
    await ctx.state.delete(ctx.user_id, STEP_KEY)
    assert step.result is not None
    await ctx.send(st.survey_thanks_message(updated=not step.result.created))
    outcome = await certificates.issue_after_answer(step.result.registration_id, now=now)
    if outcome.new_certificate:
        await ctx.runtime.queue.enqueue_job("push_certificates")
    elif outcome.needs_official_name:
        await ask_for_official_name(ctx, passed=True)


# ---------------------------------------------------------------- trainers with a linked LINE account


async def _trainer_menu(ctx: Context, trainer: StaffUser) -> None:
    sessions = await surveys.sessions_to_evaluate(trainer, now=_now(ctx))
    await ctx.send(st.trainer_menu([(s.id, s.no, s.course.title_th) for s in sessions], ctx.pb))


async def _trainer_and_session(ctx: Context, session_id: int) -> tuple[StaffUser, Session] | None:
    """The linked trainer and the session named by the postback, if it is theirs; else say why not."""
    trainer = await auth.get_linked_trainer(ctx.user_id)
    if trainer is None:
        await say(ctx, st.TRAINER_ONLY)
        return None
    try:
        return trainer, await surveys.session_for_staff(session_id, trainer)
    except DomainError as exc:
        await say(ctx, exc.message_th)
        return None


@router.postback(st.PB_PICK, session_id=integer("s"))
async def trainer_pick(ctx: Context, session_id: int) -> None:
    found = await _trainer_and_session(ctx, session_id)
    if found is None:
        return
    _, session = found
    await ctx.send(st.trainer_confirm_message(session.id, session.no, session.course.title_th, ctx.pb))


@router.postback(st.PB_SEND_NO, session_id=integer("s", default=None))
async def trainer_keep(ctx: Context, session_id: int | None) -> None:
    """"ยกเลิก" on the send question: nothing is sent."""
    await say(ctx, st.TRAINER_NOT_SENT, quick=menu_quick(ctx))


@router.postback(st.PB_SEND, session_id=integer("s"), template_code=code("t", default="l1_satisfaction"))
async def trainer_send(ctx: Context, session_id: int, template_code: str) -> None:
    found = await _trainer_and_session(ctx, session_id)
    if found is None:
        return
    trainer, session = found
    now = _now(ctx)
    try:
        summary = await surveys.dispatch_survey(
            session=session, template_code=template_code,
            deadline=now + dt.timedelta(days=st.CHAT_DISPATCH_DAYS), staff=trainer, now=now)
    except DomainError as exc:
        await say(ctx, exc.message_th)
        return
    await ctx.runtime.queue.enqueue_job("push_survey_invites", summary.id, _job_id=f"survey-invites:{summary.id}")
    await say(ctx, st.trainer_sent(summary.invited, summary.deadline))
