"""Answering a survey in the chat, one question at a time: answer, skip or go back; the draft is kept
between messages and becomes the response when the last question is answered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from tortoise.exceptions import IntegrityError

from backend.models import SurveyDispatch, SurveyInvite, SurveyResponse
from backend.services.surveys.answers import SubmitResult, open_invite, submit_response, validate_answer
from backend.services.surveys.templates import asked_questions


@dataclass
class ChatStep:
    """Where a member is in a chat survey: the question to ask next, or done."""

    dispatch_id: int
    title_th: str
    index: int
    total: int
    question: dict[str, Any] | None
    answers: dict[str, Any] = field(default_factory=dict)
    done: bool = False
    result: SubmitResult | None = None
    error_th: str = ""


async def open_surveys_for(member_id: int, *, now: dt.datetime) -> list[SurveyDispatch]:
    """Dispatches still open for this member that they have not completed, newest first."""
    invites = await SurveyInvite.filter(member_id=member_id, dispatch__deadline__gt=now).select_related(
        "dispatch__template", "dispatch__session__course").order_by("-dispatch_id")
    # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
    done = set(cast(list[int], await SurveyResponse.filter(member_id=member_id, completed_at__isnull=False)
                    .values_list("dispatch_id", flat=True)))
    return [inv.dispatch for inv in invites if inv.dispatch_id not in done]


async def _draft(dispatch: SurveyDispatch, member_id: int, now: dt.datetime) -> SurveyResponse:
    draft = await SurveyResponse.get_or_none(dispatch_id=dispatch.id, member_id=member_id)
    if draft is None:
        try:
            draft = await SurveyResponse.create(dispatch=dispatch, member_id=member_id, answers={},
                                                channel="chat", cursor=0, updated_at=now)
        except IntegrityError:
            draft = await SurveyResponse.get(dispatch_id=dispatch.id, member_id=member_id)
    return draft


def _step(dispatch: SurveyDispatch, draft: SurveyResponse, error_th: str = "") -> ChatStep:
    questions = asked_questions(dispatch.template.questions)
    index = min(draft.cursor, len(questions))
    return ChatStep(dispatch_id=dispatch.id, title_th=dispatch.template.title_th, index=index,
                    total=len(questions), question=questions[index] if index < len(questions) else None,
                    answers=dict(draft.answers), error_th=error_th)


async def chat_start(*, dispatch_id: int, member_id: int, restart: bool = False,
                     now: dt.datetime) -> ChatStep:
    """Begin or resume answering in chat (a completed response can be edited from the first question)."""
    dispatch, _ = await open_invite(dispatch_id, member_id, now)
    draft = await _draft(dispatch, member_id, now)
    if restart or draft.cursor >= len(asked_questions(dispatch.template.questions)):
        draft.cursor = 0
        draft.updated_at = now
        await draft.save()
    return _step(dispatch, draft)


async def chat_answer(*, dispatch_id: int, member_id: int, index: int, value: Any = None, action: str = "answer",
                      now: dt.datetime) -> ChatStep:
    """Apply one chat action to question `index`: answer, skip or back. Stale indexes re-ask the current one."""
    dispatch, _ = await open_invite(dispatch_id, member_id, now)
    draft = await _draft(dispatch, member_id, now)
    questions = asked_questions(dispatch.template.questions)
    if index != draft.cursor or draft.cursor >= len(questions):
        return _step(dispatch, draft)
    question = questions[index]
    answers = dict(draft.answers)
    if action == "back":
        draft.cursor = max(0, draft.cursor - 1)
    elif action == "skip":
        if question.get("required"):
            return _step(dispatch, draft, "ข้อนี้จำเป็นต้องตอบค่ะ")
        answers.pop(question["key"], None)
        draft.cursor += 1
    else:
        try:
            clean = validate_answer(question, value)
        except ValueError as exc:
            return _step(dispatch, draft, str(exc))
        if clean is None and question.get("required"):
            return _step(dispatch, draft, "ข้อนี้จำเป็นต้องตอบค่ะ")
        if clean is None:
            answers.pop(question["key"], None)
        else:
            answers[question["key"]] = clean
        draft.cursor += 1
    draft.answers = answers
    draft.updated_at = now
    await draft.save()
    if draft.cursor >= len(questions):
        result = await submit_response(dispatch_id=dispatch_id, member_id=member_id, answers=answers,
                                       channel="chat", now=now)
        step = _step(dispatch, draft)
        step.done, step.result = True, result
        return step
    return _step(dispatch, draft)

