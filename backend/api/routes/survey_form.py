"""The mobile survey form (LIFF-ready, no JavaScript needed): GET shows it, POST saves the answers.

The link carries a signed token bound to the member and the dispatch; forged, expired or someone
else's links get a Thai page with a 4xx status instead of the form.

Opened as a LIFF app (LIFF_ID), the page also sends LINE's ID token with the answers. When a LINE Login
channel is configured the token is verified by LINE and must belong to the member the link was sent to, so
a forwarded link cannot answer for someone else; SURVEY_REQUIRES_LINE_LOGIN refuses answers without it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from backend.api.params import IdPath
from backend.deps import ClockDep, QueueDep, RuntimeDep, SettingsDep
from backend.ports import IdentityUnavailable
from backend.services import audit, certificates, members, surveys
from backend.services.errors import DomainError, ValidationFailed
from backend.thai_dates import thai_datetime

if TYPE_CHECKING:
    from backend.models import Member, SurveyDispatch
    from backend.runtime import Runtime
    from backend.settings import Settings

router = APIRouter(tags=["survey form"], include_in_schema=False)
LIFF_SDK = "https://static.line-scdn.net/liff/edge/2/sdk.js"
LIFF_PAGE_POLICY = (
    "default-src 'self'; script-src 'self' https://static.line-scdn.net; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self' https://*.line.me https://*.line-scdn.net; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'"
)
TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "web" / "survey"
SCALE = sorted(surveys.SCALE_LABELS.items(), reverse=True)
CERTIFICATE_ON_ITS_WAY = "ได้รับคำตอบเรียบร้อยแล้ว ท่านผ่านเกณฑ์ได้รับวุฒิบัตร ระบบจะส่งวุฒิบัตรให้ทางแชต LINE ค่ะ"
CERTIFICATE_WAITS_FOR_NAME = ("ได้รับคำตอบเรียบร้อยแล้ว ท่านผ่านเกณฑ์ได้รับวุฒิบัตร ระบบจะออกวุฒิบัตรให้เมื่อท่านแจ้ง"
                              "คำนำหน้า ชื่อ และนามสกุล โดยพิมพ์ \"แก้ไขชื่อ-นามสกุล\" ในแชต LINE ค่ะ")


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]))


def _page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = _env().get_template(name).render(liff_sdk=LIFF_SDK, **context)
    headers = {"Cache-Control": "no-store"}
    if context.get("liff_id"):  # LINE's LIFF SDK, from where LINE publishes it, and the LINE calls it makes
        headers["Content-Security-Policy"] = LIFF_PAGE_POLICY
    return HTMLResponse(html, status_code=status_code, headers=headers)


def _message(status_code: int, heading: str, message: str, icon: str = "⚠️") -> HTMLResponse:
    return _page("message.html", status_code, page_title=heading, heading=heading, message=message, icon=icon)


async def _form(request: Request, settings: Settings, dispatch: SurveyDispatch, member_id: int, *,
                answers: dict[str, Any], errors: dict[str, str], saved: bool, status_code: int = 200,
                official_name: dict[str, str] | None = None) -> HTMLResponse:
    """The form; when its answer completes the certificate rule and the member has not given their official
    name, it asks for the name too (`official_name`: what was typed)."""
    session = dispatch.session
    ask_name = await certificates.form_asks_official_name(dispatch_id=dispatch.id, member_id=member_id)
    return _page("form.html", status_code, page_title=dispatch.template.title_th, template=dispatch.template,
                 questions=surveys.asked_questions(dispatch.template.questions),
                 course_title=session.course.title_th, session_no=session.no,
                 deadline_th=thai_datetime(dispatch.deadline), anonymous=dispatch.anonymous,
                 answers=answers, errors=errors, saved=saved, scale=SCALE, ask_name=ask_name,
                 official_name=official_name or {}, titles=members.COMMON_TITLES,
                 action=str(request.url.path) + "?t=" + request.query_params.get("t", ""),
                 liff_id=settings.liff_id or "")


NAME_FIELDS = ("official_title", "official_first_name", "official_last_name")


def _typed_official_name(form: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The official name typed on the form and its errors in Thai by field (all three parts or none)."""
    typed = {field: str(form.get(field) or "").strip()[:200] for field in NAME_FIELDS}
    if not any(typed.values()):
        return typed, {}
    try:
        members.clean_official_name(*typed.values())
    except ValidationFailed as exc:
        return typed, {e["field"]: members.FIELD_MESSAGES_TH[e["field"]] for e in exc.errors}
    return typed, {}


OPEN_IN_LINE = "กรุณาเปิดแบบประเมินจากลิงก์ในแชต LINE ของท่าน แล้วตอบอีกครั้งค่ะ"
NOT_YOUR_LINE = "แบบประเมินนี้ส่งถึงผู้ใช้ LINE อีกบัญชีหนึ่ง กรุณาเปิดจากลิงก์ในแชต LINE ของท่านค่ะ"
LINE_BUSY = "ขออภัยค่ะ ระบบยืนยันตัวตนกับ LINE ไม่ได้ในขณะนี้ กรุณาส่งคำตอบอีกครั้งในอีกสักครู่"


async def _line_user_refusal(runtime: Runtime, settings: Settings, form: Any, member: Member
                             ) -> tuple[HTMLResponse | None, bool]:
    """(a refusal page or None, whether LINE vouched for the member). A LINE ID token that came with the
    answers must be the member's; without one the answers count only when the service does not require it."""
    token = str(form.get("id_token") or "").strip()
    if not settings.verifies_line_login:
        return None, False
    if not token:
        if settings.survey_requires_line_login:
            return _message(403, "กรุณาเปิดจาก LINE", OPEN_IN_LINE), False
        return None, False
    try:
        line_user = await runtime.identity.user_of(token)
    except IdentityUnavailable:
        return _message(503, "ส่งคำตอบไม่สำเร็จ", LINE_BUSY), False
    if line_user is None:
        return _message(403, "กรุณาเปิดจาก LINE", OPEN_IN_LINE), False
    if line_user != member.line_user_id:
        return _message(403, "ลิงก์นี้ไม่ใช่ของท่าน", NOT_YOUR_LINE), False
    return None, True


def _link_error(exc: surveys.FormLinkInvalid) -> HTMLResponse:
    headings = {"forged": "ลิงก์ไม่ถูกต้อง", "expired": "แบบประเมินปิดรับแล้ว", "not_yours": "ลิงก์นี้ไม่ใช่ของท่าน"}
    return _message(exc.status, headings[exc.reason], exc.message_th)


FONT_FILES = {"Sarabun-Regular.ttf", "Sarabun-Bold.ttf"}
STYLESHEET = "survey.css"
SCRIPT = "liff-form.js"


@lru_cache(maxsize=2)
def _asset(name: str) -> bytes:
    return (TEMPLATE_DIR / name).read_bytes()


@router.get("/survey/assets/{name}")
async def font_file(name: str) -> Response:
    """The form's stylesheet and Thai font (phones have Thai fonts; this keeps the look the same everywhere)."""
    import fontpkg_sarabun

    if name == STYLESHEET:
        return Response(_asset(name), media_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=86400"})
    if name == SCRIPT:
        return Response(_asset(name), media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=86400"})
    if name not in FONT_FILES:
        return Response(status_code=404)
    data = (fontpkg_sarabun.ROOT / "files" / name).read_bytes()
    return Response(data, media_type="font/ttf", headers={"Cache-Control": "public, max-age=604800"})


@router.get("/survey/{dispatch_id}", response_class=HTMLResponse)
async def get_form(dispatch_id: IdPath, request: Request, settings: SettingsDep, clock: ClockDep,
                   t: str = "") -> HTMLResponse:
    try:
        dispatch, member = await surveys.open_form_token(settings.secret_key, t, dispatch_id=dispatch_id,
                                                         now=clock.utcnow())
    except surveys.FormLinkInvalid as exc:
        return _link_error(exc)
    answers = await surveys.get_response_answers(dispatch.id, member.id)
    saved = bool(answers) and await surveys.has_completed_response(dispatch.id, member.id)
    return await _form(request, settings, dispatch, member.id, answers=answers, errors={}, saved=saved)


@router.post("/survey/{dispatch_id}", response_class=HTMLResponse)
async def post_form(dispatch_id: IdPath, request: Request, settings: SettingsDep, queue: QueueDep,
                    clock: ClockDep, runtime: RuntimeDep, t: str = "") -> HTMLResponse:
    now = clock.utcnow()
    try:
        dispatch, member = await surveys.open_form_token(settings.secret_key, t, dispatch_id=dispatch_id, now=now)
    except surveys.FormLinkInvalid as exc:
        return _link_error(exc)
    form = await request.form()
    refusal, vouched = await _line_user_refusal(runtime, settings, form, member)
    if refusal is not None:
        return refusal
    raw: dict[str, Any] = {}
    for q in surveys.asked_questions(dispatch.template.questions):
        values = [str(v) for v in form.getlist(q["key"])]
        raw[q["key"]] = values if q["type"] == "multi" else (values[0] if values else None)
    asks_name = await certificates.form_asks_official_name(dispatch_id=dispatch.id, member_id=member.id)
    typed, name_errors = _typed_official_name(form) if asks_name else ({}, {})
    if name_errors:
        return await _form(request, settings, dispatch, member.id, answers=raw, errors=name_errors, saved=False,
                           status_code=422, official_name=typed)
    try:
        result = await surveys.submit_response(dispatch_id=dispatch.id, member_id=member.id, answers=raw,
                                               channel="liff" if vouched else "web", now=now)
    except ValidationFailed as exc:
        errors = {e["field"]: e["reason"] for e in exc.errors}
        return await _form(request, settings, dispatch, member.id, answers=raw, errors=errors, saved=False,
                           status_code=422, official_name=typed)
    except DomainError as exc:
        return _message(exc.status, "ส่งคำตอบไม่สำเร็จ", exc.message_th)
    issued: list[str] = []
    if any(typed.values()):  # the certificates that waited for the name are issued with it
        saved = await certificates.save_official_name(
            member_id=member.id, title=typed["official_title"], first_name=typed["official_first_name"],
            last_name=typed["official_last_name"], actor=audit.member_actor(member.id), clock=clock)
        issued = saved.issued
    outcome = await certificates.issue_after_answer(result.registration_id, now=now)
    if outcome.new_certificate or issued:
        await queue.enqueue_job("push_certificates")
        return _message(200, "ขอบคุณค่ะ", CERTIFICATE_ON_ITS_WAY, icon="✅")
    if outcome.needs_official_name:
        return _message(200, "ขอบคุณค่ะ", CERTIFICATE_WAITS_FOR_NAME, icon="✅")
    if result.created:
        return _message(200, "ขอบคุณค่ะ", "ระบบได้รับคำตอบของท่านเรียบร้อยแล้ว ปิดหน้านี้ได้เลยค่ะ", icon="✅")
    return _message(200, "บันทึกการแก้ไขแล้วค่ะ",
                    "ระบบบันทึกคำตอบที่แก้ไขแล้ว (เก็บคำตอบล่าสุดเพียงชุดเดียว) ขอบคุณค่ะ", icon="✅")
