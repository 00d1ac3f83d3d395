"""Staff accounts: who can sign in, a new account (an ONDE admin, a trainer, or an agency's coordinator), and
letting an account whose sign-in is held back in again."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from backend.admin.web import AdminRoute, AdminSessionDep, CheckedForm, render
from backend.labels import ROLE
from backend.services import auth, members
from backend.services.admin_sessions import AdminSession, unlock_account
from backend.services.errors import DomainError
from backend.services.input_errors import for_staff
from backend.services.login_throttle import LoginThrottle

router = APIRouter(prefix="/staff", route_class=AdminRoute)


def _throttle(request: Request) -> LoginThrottle:
    runtime = request.app.state.runtime
    return LoginThrottle(runtime.redis, runtime.settings.redis_prefix)


USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,50}$")


async def _staff_page(request: Request, session: AdminSession, *, errors: list[str] | None = None,
                      typed: dict[str, str] | None = None, status_code: int = 200) -> Response:
    throttle = _throttle(request)
    accounts = await auth.list_staff()
    held = {a.username for a in accounts if await throttle.is_held(a.username)}
    agencies = await members.list_agencies(limit=500)
    return render(request, "staff.html", status_code, session=session, accounts=accounts, held=held,
                  agencies=agencies, agency_names={a.id: a.name for a in agencies}, roles=ROLE,
                  errors=errors or [], typed=typed or {}, flash=request.query_params.get("msg"))


@router.get("")
async def staff_list(request: Request, session: AdminSessionDep) -> Response:
    return await _staff_page(request, session)


def _account_problems(typed: dict[str, str]) -> list[str]:
    problems = []
    if not USERNAME.fullmatch(typed["username"]):
        problems.append("ชื่อผู้ใช้: ตัวอักษรอังกฤษ ตัวเลข จุด ขีด หรือขีดล่าง 3–50 ตัว")
    if typed["role"] not in ROLE:
        problems.append("บทบาท: เลือกจากรายการ")
    if typed["role"] == "coordinator" and not typed["agency_id"].isdigit():
        problems.append("หน่วยงาน: ผู้ประสานงานหน่วยงานต้องระบุหน่วยงานที่ดูแล")
    if len(typed["password"]) < auth.MIN_PASSWORD_LENGTH:
        problems.append(f"รหัสผ่านเริ่มต้น: อย่างน้อย {auth.MIN_PASSWORD_LENGTH} ตัวอักษร")
    return problems


@router.post("")
async def staff_create(request: Request, session: AdminSessionDep, form: CheckedForm) -> Response:
    typed = {name: str(form.get(name) or "").strip()[:200]
             for name in ("username", "display_name", "role", "agency_id", "password")}
    if problems := _account_problems(typed):
        return await _staff_page(request, session, errors=problems, typed=typed, status_code=422)
    agency_id = int(typed["agency_id"]) if typed["role"] == "coordinator" else None
    try:
        created = await auth.create_staff_user(
            username=typed["username"], role=typed["role"], display_name=typed["display_name"],
            password=typed["password"], actor=session.actor, agency_id=agency_id)
    except DomainError as exc:
        reason = "หน่วยงาน: ไม่พบหน่วยงานนี้" if exc.status == 422 else for_staff(exc.message_th)
        return await _staff_page(request, session, errors=[reason], typed=typed, status_code=422)
    message = f"สร้างบัญชี {created.username} ({ROLE[created.role]}) แล้ว"
    return RedirectResponse(f"/admin/staff?msg={quote(message)}", status_code=303)


@router.post("/{username}/unlock")
async def unlock(request: Request, username: str, session: AdminSessionDep, form: CheckedForm) -> Response:
    await unlock_account(username=username[:100], throttle=_throttle(request), actor=session.actor)
    message = f"ปลดล็อกการเข้าสู่ระบบของ {username[:100]} แล้ว"
    return RedirectResponse(f"/admin/staff?msg={quote(message)}", status_code=303)
