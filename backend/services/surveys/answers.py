"""Answers: each one checked against its question, and one complete response per member per dispatch
(a second submission replaces the first)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError

from backend.models import SurveyDispatch, SurveyInvite, SurveyResponse
from backend.services.errors import ValidationFailed
from backend.services.surveys.errors import NotInvited, SurveyClosed, SurveyNotFound
from backend.services.surveys.templates import asked_questions

SCALE_LABELS = {5: "มากที่สุด", 4: "มาก", 3: "ปานกลาง", 2: "น้อย", 1: "น้อยที่สุด"}
TEXT_MAX = 2000


def validate_answer(question: dict[str, Any], raw: Any) -> Any:
    """One answer in its stored form (None = not answered); ValueError with a Thai reason otherwise."""
    qtype = question["type"]
    if raw is None or raw == "" or raw == []:
        return None
    if qtype == "scale5":
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ValueError("กรุณาเลือกระดับ 1 ถึง 5 ค่ะ") from None
        if not 1 <= value <= 5:
            raise ValueError("ระดับต้องอยู่ระหว่าง 1 ถึง 5 ค่ะ")
        return value
    if qtype == "number":
        try:
            number = float(str(raw).strip())
        except ValueError:
            raise ValueError("กรุณาตอบเป็นตัวเลขค่ะ") from None
        if math.isnan(number) or math.isinf(number):
            raise ValueError("กรุณาตอบเป็นตัวเลขค่ะ")
        low, high = question.get("min"), question.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(f"ตัวเลขต้องอยู่ระหว่าง {low} ถึง {high} ค่ะ")
        return int(number) if number.is_integer() else number
    if qtype == "single":
        allowed = {o["value"] for o in question["options"]}
        if str(raw) not in allowed:
            raise ValueError("กรุณาเลือกจากตัวเลือกที่มีให้ค่ะ")
        return str(raw)
    if qtype == "multi":
        values = raw if isinstance(raw, list) else [raw]
        allowed_order = [o["value"] for o in question["options"]]
        chosen = {str(v) for v in values}
        if not chosen <= set(allowed_order):
            raise ValueError("กรุณาเลือกจากตัวเลือกที่มีให้ค่ะ")
        return [v for v in allowed_order if v in chosen]
    text = str(raw).strip()
    if len(text) > TEXT_MAX:
        raise ValueError(f"ข้อความยาวเกิน {TEXT_MAX} ตัวอักษรค่ะ")
    return text or None


def validate_answers(questions: list[dict[str, Any]], raw: dict[str, Any]) -> dict[str, Any]:
    """All answers of a submission to the questions asked; ValidationFailed names every bad or missing item."""
    questions = asked_questions(questions)
    errors: list[dict[str, str]] = []
    clean: dict[str, Any] = {}
    known = {q["key"] for q in questions}
    for key in raw:
        if key not in known:
            errors.append({"field": key, "reason": "ไม่มีคำถามนี้ในแบบประเมินค่ะ"})
    for q in questions:
        try:
            value = validate_answer(q, raw.get(q["key"]))
        except ValueError as exc:
            errors.append({"field": q["key"], "reason": str(exc)})
            continue
        if value is None:
            if q.get("required"):
                errors.append({"field": q["key"], "reason": "กรุณาตอบข้อนี้ค่ะ"})
            continue
        clean[q["key"]] = value
    if errors:
        raise ValidationFailed("invalid answers", errors=errors,
                               message_th="คำตอบบางข้อไม่ถูกต้อง กรุณาตรวจสอบอีกครั้งค่ะ")
    return clean


@dataclass
class SubmitResult:
    response_id: int
    created: bool
    registration_id: int | None
    level: int


async def open_invite(dispatch_id: int, member_id: int, now: dt.datetime) -> tuple[SurveyDispatch, SurveyInvite]:
    """The dispatch (with its template) and this member's invite, while it takes answers."""
    dispatch = await SurveyDispatch.get_or_none(id=dispatch_id).select_related("template")
    if dispatch is None:
        raise SurveyNotFound(dispatch_id=dispatch_id)
    invite = await SurveyInvite.get_or_none(dispatch_id=dispatch_id, member_id=member_id)
    if invite is None:
        raise NotInvited(dispatch_id=dispatch_id)
    if now >= dispatch.deadline:
        raise SurveyClosed(dispatch_id=dispatch_id)
    return dispatch, invite


async def submit_response(*, dispatch_id: int, member_id: int, answers: dict[str, Any], channel: str = "web",
                          now: dt.datetime) -> SubmitResult:
    """Save a complete answer set; a second submission replaces the first (one row per member)."""
    dispatch, invite = await open_invite(dispatch_id, member_id, now)
    clean = validate_answers(dispatch.template.questions, answers)
    existing = await SurveyResponse.get_or_none(dispatch_id=dispatch_id, member_id=member_id)
    created = existing is None or existing.completed_at is None
    if existing is None:
        try:
            existing = await SurveyResponse.create(dispatch_id=dispatch_id, member_id=member_id, answers=clean,
                                                   channel=channel, completed_at=now, updated_at=now,
                                                   cursor=len(asked_questions(dispatch.template.questions)))
        except IntegrityError:  # a double submit raced us: keep one row, update it
            existing = await SurveyResponse.get(dispatch_id=dispatch_id, member_id=member_id)
            created = False
    if existing.answers != clean or existing.completed_at is None:
        existing.answers = clean
        existing.channel = channel
        existing.completed_at = existing.completed_at or now
        existing.updated_at = now
        existing.cursor = len(asked_questions(dispatch.template.questions))
        await existing.save()
    return SubmitResult(response_id=existing.id, created=created,
                        registration_id=invite.registration_id,
                        level=dispatch.template.level)


async def get_response_answers(dispatch_id: int, member_id: int) -> dict[str, Any]:
    response = await SurveyResponse.get_or_none(dispatch_id=dispatch_id, member_id=member_id)
    return dict(response.answers) if response else {}


async def has_completed_response(dispatch_id: int, member_id: int) -> bool:
    """The member sent a complete answer set for this dispatch (on the web or in chat)."""
    return await SurveyResponse.exists(dispatch_id=dispatch_id, member_id=member_id, completed_at__isnull=False)
