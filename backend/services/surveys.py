"""Evaluation surveys: templates as data, dispatch to a session's attendees, signed form links,
answers (web or chat, one response per member per dispatch), reminders and the L3 follow-up.

Every function that depends on time takes `now` (aware; from the one clock, see backend.clock).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from itsdangerous import BadSignature, URLSafeSerializer
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.clock import BANGKOK
from backend.models import (
    Member,
    Registration,
    RegistrationStatus,
    Role,
    Session,
    StaffUser,
    SurveyDispatch,
    SurveyInvite,
    SurveyPhase,
    SurveyReminder,
    SurveyResponse,
    SurveyTemplate,
)
from backend.services.errors import (
    Conflict,
    DomainError,
    NotAllowed,
    NotFound,
    SessionNotFound,
    ValidationFailed,
)
from backend.services.quiet_hours import after_quiet_hours, in_quiet_hours

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "data" / "survey_templates"
QUESTION_TYPES = ("scale5", "single", "multi", "number", "text")
SCALE_LABELS = {5: "มากที่สุด", 4: "มาก", 3: "ปานกลาง", 2: "น้อย", 1: "น้อยที่สุด"}
DEFAULT_REMINDER_DAYS = (2, 5)
MAX_REMINDERS = 2
FOLLOWUP_DAYS = 90
FOLLOWUP_TEMPLATE = "l3_followup"
FOLLOWUP_ANSWER_DAYS = 14
FOLLOWUP_SEND_AT = dt.time(9, 0)
ATTENDED = (RegistrationStatus.attended, RegistrationStatus.completed)
TEXT_MAX = 2000


# ---------------------------------------------------------------- errors


class SurveyNotFound(NotFound):
    code = "survey_not_found"
    default_detail = "survey not found"
    default_message_th = "ขออภัยค่ะ ไม่พบแบบประเมินนี้ค่ะ"


class TemplateNotFound(NotFound):
    code = "survey_template_not_found"
    default_detail = "survey template not found"
    default_message_th = "ขออภัยค่ะ ไม่พบแบบฟอร์มประเมินนี้ค่ะ"


class NotYourSession(NotAllowed):
    code = "not_your_session"
    default_detail = "trainers may only manage their own sessions"
    default_message_th = "ขออภัยค่ะ รุ่นนี้ไม่ได้อยู่ในความรับผิดชอบของคุณค่ะ"


class SurveyClosed(Conflict):
    code = "survey_closed"
    status = 410
    default_detail = "the survey deadline has passed"
    default_message_th = "ขออภัยค่ะ แบบประเมินนี้ปิดรับคำตอบแล้วค่ะ"


class SurveyAlreadyOpen(Conflict):
    code = "survey_already_open"
    default_detail = "this survey is already open for the session"
    default_message_th = "แบบประเมินนี้ส่งถึงรุ่นนี้แล้วและยังเปิดรับคำตอบอยู่ค่ะ"


class NotInvited(NotAllowed):
    code = "not_invited"
    default_detail = "this member was not asked to answer this survey"
    default_message_th = "ขออภัยค่ะ แบบประเมินนี้ไม่ได้ส่งถึงคุณค่ะ"


class FormLinkInvalid(DomainError):
    """A form link that is forged, expired or belongs to another survey or person."""

    code = "form_link_invalid"
    status = 403
    default_detail = "invalid form link"
    default_message_th = "ขออภัยค่ะ ลิงก์แบบประเมินนี้ไม่ถูกต้องค่ะ"

    def __init__(self, reason: str) -> None:
        messages = {
            "forged": ("the link signature is invalid", "ขออภัยค่ะ ลิงก์แบบประเมินนี้ไม่ถูกต้อง "
                       "กรุณาเปิดจากข้อความใน LINE อีกครั้งค่ะ"),
            "expired": ("the link has expired", "ขออภัยค่ะ ลิงก์นี้หมดอายุแล้ว แบบประเมินปิดรับคำตอบแล้วค่ะ"),
            "not_yours": ("the link belongs to another survey or person",
                          "ขออภัยค่ะ ลิงก์นี้ไม่ใช่ของคุณหรือไม่ใช่ของแบบประเมินนี้ค่ะ"),
        }
        detail, message = messages[reason]
        super().__init__(detail, message_th=message, reason=reason)
        self.reason = reason
        if reason == "expired":
            self.status = 410  # type: ignore[misc]


# ---------------------------------------------------------------- templates


def validate_template(data: dict[str, Any]) -> dict[str, Any]:
    """Check a template dict (from YAML or the admin API); returns it normalised."""
    errors: list[dict[str, str]] = []
    code = str(data.get("code") or "").strip()
    if not code:
        errors.append({"field": "code", "reason": "required"})
    if not str(data.get("title_th") or "").strip():
        errors.append({"field": "title_th", "reason": "required"})
    level = data.get("level")
    if level not in (1, 2, 3):
        errors.append({"field": "level", "reason": "must be 1, 2 or 3"})
    questions = data.get("questions") or []
    if not questions:
        errors.append({"field": "questions", "reason": "at least one question"})
    keys: set[str] = set()
    clean: list[dict[str, Any]] = []
    for i, q in enumerate(questions):
        key = str(q.get("key") or "").strip()
        qtype = q.get("type")
        if not key or key in keys:
            errors.append({"field": f"questions.{i}.key", "reason": "missing or duplicate"})
        keys.add(key)
        if qtype not in QUESTION_TYPES:
            errors.append({"field": f"questions.{i}.type", "reason": f"one of {', '.join(QUESTION_TYPES)}"})
        options = [{"value": str(o["value"]), "label": str(o["label"])} for o in q.get("options") or []]
        if qtype in ("single", "multi") and not options:
            errors.append({"field": f"questions.{i}.options", "reason": "choices need options"})
        item: dict[str, Any] = {"key": key, "type": qtype, "text": str(q.get("text") or ""),
                                "required": bool(q.get("required", True))}
        if options:
            item["options"] = options
        if qtype == "number":
            item["min"] = q.get("min")
            item["max"] = q.get("max")
        clean.append(item)
    if errors:
        raise ValidationFailed("invalid survey template", errors=errors)
    return {"code": code, "title_th": str(data["title_th"]), "level": level,
            "anonymous": bool(data.get("anonymous", False)), "questions": clean}


def shipped_templates() -> list[dict[str, Any]]:
    return [validate_template(yaml.safe_load(path.read_text(encoding="utf-8")))
            for path in sorted(TEMPLATES_DIR.glob("*.yaml"))]


async def ensure_shipped_templates() -> None:
    """Create the three shipped templates when missing (never overwrite an edited one)."""
    for data in shipped_templates():
        if not await SurveyTemplate.exists(code=data["code"]):
            try:
                await SurveyTemplate.create(**data)
            except IntegrityError:  # created concurrently
                pass


async def get_template(code: str) -> SurveyTemplate:
    template = await SurveyTemplate.get_or_none(code=code)
    if template is None:
        await ensure_shipped_templates()
        template = await SurveyTemplate.get_or_none(code=code)
    if template is None or not template.active:
        raise TemplateNotFound(template=code)
    return template


async def list_templates() -> list[SurveyTemplate]:
    await ensure_shipped_templates()
    return await SurveyTemplate.filter(active=True).order_by("level", "code")


async def save_template(data: dict[str, Any]) -> SurveyTemplate:
    clean = validate_template(data)
    template = await SurveyTemplate.get_or_none(code=clean["code"])
    if template is None:
        return await SurveyTemplate.create(**clean)
    template.update_from_dict(clean)
    await template.save()
    return template


# ---------------------------------------------------------------- access


async def session_for_staff(session_id: int, staff: StaffUser) -> Session:
    """The session when this staff member may manage it (admins: all, trainers: their own)."""
    session = await Session.get_or_none(id=session_id).select_related("course")
    if session is None:
        raise SessionNotFound(session_id=session_id)
    if staff.role != Role.admin and session.trainer_id != staff.id:  # type: ignore[attr-defined]
        raise NotYourSession(session_id=session_id)
    return session


async def sessions_to_evaluate(staff: StaffUser, *, now: dt.datetime) -> list[Session]:
    """The trainer's sessions that started and ended at most 30 days ago, newest first."""
    today = now.astimezone(BANGKOK).date()
    query = Session.filter(start_date__lte=today, end_date__gte=today - dt.timedelta(days=30))
    if staff.role != Role.admin:
        query = query.filter(trainer_id=staff.id)
    return await query.select_related("course").order_by("-end_date", "id").limit(20)


# ---------------------------------------------------------------- dispatch


@dataclass
class DispatchSummary:
    id: int
    session_id: int
    template_code: str
    phase: str
    deadline: dt.datetime
    invited: int
    reminder_days: list[int]


async def dispatch_survey(
    *,
    session: Session,
    template_code: str,
    deadline: dt.datetime,
    phase: str = "",
    anonymous: bool | None = None,
    reminder_days: list[int] | None = None,
    staff: StaffUser | None = None,
    dedupe_key: str | None = None,
    now: dt.datetime,
) -> DispatchSummary:
    """Create a dispatch and one invite per attendee of the session; the caller queues the pushes."""
    template = await get_template(template_code)
    if deadline.tzinfo is None:
        raise ValidationFailed.field("deadline", "needs a time zone")
    if deadline <= now:
        raise ValidationFailed.field("deadline", "must be in the future")
    if phase not in ("", "pre", "post"):
        raise ValidationFailed.field("phase", "one of '', 'pre', 'post'")
    days = list(DEFAULT_REMINDER_DAYS if reminder_days is None else reminder_days)
    if len(days) > MAX_REMINDERS or any(d <= 0 for d in days) or days != sorted(set(days)):
        raise ValidationFailed.field("reminder_days", f"at most {MAX_REMINDERS} increasing positive day counts")
    if await SurveyDispatch.exists(session_id=session.id, template_id=template.id, phase=SurveyPhase(phase),
                                   deadline__gt=now):
        raise SurveyAlreadyOpen(session_id=session.id, template=template.code)
    statuses = ATTENDED if phase != "pre" else (RegistrationStatus.registered, *ATTENDED)
    registrations = await Registration.filter(session_id=session.id, status__in=statuses).select_related("member")
    async with in_transaction():
        dispatch = await SurveyDispatch.create(
            session_id=session.id, template=template, phase=SurveyPhase(phase),
            anonymous=template.anonymous if anonymous is None else anonymous, deadline=deadline,
            reminder_days=days, created_by=staff, dedupe_key=dedupe_key, created_at=now,
        )
        members = [r for r in registrations if r.member.deleted_at is None]
        await SurveyInvite.bulk_create([
            SurveyInvite(dispatch=dispatch, member_id=r.member_id, registration_id=r.id)  # type: ignore[attr-defined]
            for r in members
        ])
    return DispatchSummary(id=dispatch.id, session_id=session.id, template_code=template.code, phase=phase,
                           deadline=deadline, invited=len(members), reminder_days=days)


@dataclass
class PendingPush:
    invite_id: int
    dispatch_id: int
    member_id: int
    line_user_id: str
    title_th: str
    course_title: str
    deadline: dt.datetime


async def invites_to_push(dispatch_id: int) -> list[PendingPush]:
    """Invites whose LINE push has not gone out, for members who can be pushed to."""
    invites = await SurveyInvite.filter(dispatch_id=dispatch_id, pushed_at=None).select_related(
        "member", "dispatch__template", "dispatch__session__course")
    return [_pending(inv) for inv in invites if _pushable(inv.member)]


def _pushable(member: Member) -> bool:
    return bool(member.line_user_id) and member.active and member.deleted_at is None


def _pending(inv: SurveyInvite) -> PendingPush:
    d = inv.dispatch
    return PendingPush(invite_id=inv.id, dispatch_id=d.id, member_id=inv.member_id,  # type: ignore[attr-defined]
                       line_user_id=inv.member.line_user_id or "", title_th=d.template.title_th,
                       course_title=d.session.course.title_th, deadline=d.deadline)


async def mark_invite_pushed(invite_id: int, outcome: str, *, now: dt.datetime) -> None:
    await SurveyInvite.filter(id=invite_id).update(pushed_at=now, push_outcome=outcome[:20])


# ---------------------------------------------------------------- signed form links


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="survey-form-v1")


def make_form_token(secret_key: str, *, dispatch_id: int, member_id: int, expires: dt.datetime) -> str:
    return _serializer(secret_key).dumps([dispatch_id, member_id, int(expires.timestamp())])


def form_url(public_base_url: str, secret_key: str, *, dispatch_id: int, member_id: int,
             expires: dt.datetime) -> str:
    token = make_form_token(secret_key, dispatch_id=dispatch_id, member_id=member_id, expires=expires)
    return f"{public_base_url.rstrip('/')}/survey/{dispatch_id}?t={token}"


async def open_form_token(secret_key: str, token: str, *, dispatch_id: int,
                          now: dt.datetime) -> tuple[SurveyDispatch, Member]:
    """The dispatch and member a form link is for; FormLinkInvalid(forged|expired|not_yours) otherwise."""
    try:
        d_id, m_id, exp = _serializer(secret_key).loads(token)
        d_id, m_id, exp = int(d_id), int(m_id), int(exp)
    except (BadSignature, ValueError, TypeError):
        raise FormLinkInvalid("forged") from None
    if d_id != dispatch_id:
        raise FormLinkInvalid("not_yours")
    dispatch = await SurveyDispatch.get_or_none(id=d_id).select_related("template", "session__course")
    if dispatch is None:
        raise FormLinkInvalid("not_yours")
    invite = await SurveyInvite.get_or_none(dispatch_id=d_id, member_id=m_id).select_related("member")
    if invite is None or invite.member.deleted_at is not None:
        raise FormLinkInvalid("not_yours")
    moment = now
    if moment.timestamp() >= exp or moment >= dispatch.deadline:
        raise FormLinkInvalid("expired")
    return dispatch, invite.member


# ---------------------------------------------------------------- answers


def validate_answer(question: dict[str, Any], raw: Any) -> Any:
    """One answer in its stored form (None = not answered); ValueError with a Thai reason otherwise."""
    qtype = question["type"]
    if raw is None or raw == "" or raw == []:
        return None
    if qtype == "scale5":
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ValueError("กรุณาเลือกคะแนน 1 ถึง 5 ค่ะ") from None
        if not 1 <= value <= 5:
            raise ValueError("คะแนนต้องอยู่ระหว่าง 1 ถึง 5 ค่ะ")
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
    """All answers of a submission; ValidationFailed names every bad or missing item."""
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
                               message_th="คำตอบบางข้อไม่ถูกต้องค่ะ กรุณาตรวจสอบอีกครั้งค่ะ")
    return clean


@dataclass
class SubmitResult:
    response_id: int
    created: bool
    registration_id: int | None
    level: int


async def _open_invite(dispatch_id: int, member_id: int, now: dt.datetime) -> tuple[SurveyDispatch, SurveyInvite]:
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
    dispatch, invite = await _open_invite(dispatch_id, member_id, now)
    clean = validate_answers(dispatch.template.questions, answers)
    existing = await SurveyResponse.get_or_none(dispatch_id=dispatch_id, member_id=member_id)
    created = existing is None or existing.completed_at is None
    if existing is None:
        try:
            existing = await SurveyResponse.create(dispatch_id=dispatch_id, member_id=member_id, answers=clean,
                                                   channel=channel, completed_at=now, updated_at=now,
                                                   cursor=len(dispatch.template.questions))
        except IntegrityError:  # a double submit raced us: keep one row, update it
            existing = await SurveyResponse.get(dispatch_id=dispatch_id, member_id=member_id)
            created = False
    if existing.answers != clean or existing.completed_at is None:
        existing.answers = clean
        existing.channel = channel
        existing.completed_at = existing.completed_at or now
        existing.updated_at = now
        existing.cursor = len(dispatch.template.questions)
        await existing.save()
    return SubmitResult(response_id=existing.id, created=created,
                        registration_id=invite.registration_id,  # type: ignore[attr-defined]
                        level=dispatch.template.level)


async def get_response_answers(dispatch_id: int, member_id: int) -> dict[str, Any]:
    response = await SurveyResponse.get_or_none(dispatch_id=dispatch_id, member_id=member_id)
    return dict(response.answers) if response else {}


# ---------------------------------------------------------------- answering in chat


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
    done = set(await SurveyResponse.filter(member_id=member_id, completed_at__isnull=False)
               .values_list("dispatch_id", flat=True))
    return [inv.dispatch for inv in invites if inv.dispatch_id not in done]  # type: ignore[attr-defined]


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
    questions = dispatch.template.questions
    index = min(draft.cursor, len(questions))
    return ChatStep(dispatch_id=dispatch.id, title_th=dispatch.template.title_th, index=index,
                    total=len(questions), question=questions[index] if index < len(questions) else None,
                    answers=dict(draft.answers), error_th=error_th)


async def chat_start(*, dispatch_id: int, member_id: int, restart: bool = False,
                     now: dt.datetime) -> ChatStep:
    """Begin or resume answering in chat (a completed response can be edited from the first question)."""
    dispatch, _ = await _open_invite(dispatch_id, member_id, now)
    draft = await _draft(dispatch, member_id, now)
    if restart or draft.cursor >= len(dispatch.template.questions):
        draft.cursor = 0
        draft.updated_at = now
        await draft.save()
    return _step(dispatch, draft)


async def chat_answer(*, dispatch_id: int, member_id: int, index: int, value: Any = None, action: str = "answer",
                      now: dt.datetime) -> ChatStep:
    """Apply one chat action to question `index`: answer, skip or back. Stale indexes re-ask the current one."""
    dispatch, _ = await _open_invite(dispatch_id, member_id, now)
    draft = await _draft(dispatch, member_id, now)
    questions = dispatch.template.questions
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


# ---------------------------------------------------------------- reminders


@dataclass
class DueReminder:
    dispatch_id: int
    member_id: int
    line_user_id: str
    seq: int
    title_th: str
    course_title: str
    deadline: dt.datetime
    reminder_id: int = 0


def reminder_due_at(created_at: dt.datetime, days: int) -> dt.datetime:
    return after_quiet_hours(created_at + dt.timedelta(days=days))


async def claim_due_reminders(*, now: dt.datetime) -> list[DueReminder]:
    """Reminders due now for non-respondents, each claimed by inserting its unique row first.

    Nothing is due during quiet hours. When the worker was down past several reminder times only the
    latest one is sent (the skipped ones are recorded as such), so nobody gets more than the configured count.
    """
    if in_quiet_hours(now):
        return []
    claimed: list[DueReminder] = []
    dispatches = await SurveyDispatch.filter(deadline__gt=now).select_related("template", "session__course")
    for d in dispatches:
        days = list(d.reminder_days or [])[:MAX_REMINDERS]
        due_seqs = [i + 1 for i, n in enumerate(days) if reminder_due_at(d.created_at, n) <= now]
        if not due_seqs:
            continue
        latest = due_seqs[-1]
        answered = set(await SurveyResponse.filter(dispatch_id=d.id, completed_at__isnull=False)
                       .values_list("member_id", flat=True))
        sent = {(m, s) for m, s in await SurveyReminder.filter(dispatch_id=d.id).values_list("member_id", "seq")}
        invites = await SurveyInvite.filter(dispatch_id=d.id).select_related("member")
        for inv in invites:
            member = inv.member
            if member.id in answered or not _pushable(member) or (member.id, latest) in sent:
                continue
            for seq in due_seqs[:-1]:
                if (member.id, seq) not in sent:
                    try:
                        await SurveyReminder.create(dispatch_id=d.id, member_id=member.id, seq=seq,
                                                    created_at=now, outcome="skipped")
                    except IntegrityError:
                        pass
            try:
                row = await SurveyReminder.create(dispatch_id=d.id, member_id=member.id, seq=latest,
                                                  created_at=now, outcome="claimed")
            except IntegrityError:
                continue  # another worker claimed it
            claimed.append(DueReminder(dispatch_id=d.id, member_id=member.id, line_user_id=member.line_user_id or "",
                                       seq=latest, title_th=d.template.title_th,
                                       course_title=d.session.course.title_th, deadline=d.deadline,
                                       reminder_id=row.id))
    return claimed


async def mark_reminder_sent(reminder_id: int, outcome: str) -> None:
    await SurveyReminder.filter(id=reminder_id).update(outcome=outcome[:20])


async def release_reminder(reminder_id: int) -> None:
    """Give a claimed reminder back (its push was not accepted) so a later run sends it."""
    await SurveyReminder.filter(id=reminder_id, outcome="claimed").delete()


# ---------------------------------------------------------------- automatic L3 follow-up


def followup_moment(end_date: dt.date) -> dt.datetime:
    day = end_date + dt.timedelta(days=FOLLOWUP_DAYS)
    return dt.datetime.combine(day, FOLLOWUP_SEND_AT, tzinfo=BANGKOK).astimezone(dt.UTC)


async def create_due_followups(*, now: dt.datetime) -> list[DispatchSummary]:
    """L3 follow-up dispatches for sessions that ended 90 days ago (once per session, daytime only)."""
    if in_quiet_hours(now):
        return []
    latest_end = (now.astimezone(BANGKOK) - dt.timedelta(days=FOLLOWUP_DAYS)).date()
    earliest_end = latest_end - dt.timedelta(days=30)  # do not resurrect very old sessions
    sessions = await Session.filter(end_date__lte=latest_end, end_date__gte=earliest_end).select_related("course")
    created: list[DispatchSummary] = []
    for session in sessions:
        if now < followup_moment(session.end_date):
            continue
        key = f"followup:{FOLLOWUP_TEMPLATE}:{session.id}"
        if await SurveyDispatch.exists(dedupe_key=key):
            continue
        if not await Registration.exists(session_id=session.id, status__in=ATTENDED):
            continue
        try:
            created.append(await dispatch_survey(
                session=session, template_code=FOLLOWUP_TEMPLATE, now=now, dedupe_key=key,
                deadline=now + dt.timedelta(days=FOLLOWUP_ANSWER_DAYS)))
        except IntegrityError:
            continue
    return created
