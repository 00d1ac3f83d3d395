"""Staff accounts: who can sign in, and letting an account whose sign-in is held back in again."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from backend.admin.web import AdminRoute, AdminSessionDep, CheckedForm, render
from backend.services import auth
from backend.services.admin_sessions import unlock_account
from backend.services.login_throttle import LoginThrottle

router = APIRouter(prefix="/staff", route_class=AdminRoute)


def _throttle(request: Request) -> LoginThrottle:
    runtime = request.app.state.runtime
    return LoginThrottle(runtime.redis, runtime.settings.redis_prefix)


@router.get("")
async def staff_list(request: Request, session: AdminSessionDep) -> Response:
    throttle = _throttle(request)
    accounts = await auth.list_staff()
    held = {a.username for a in accounts if await throttle.is_held(a.username)}
    return render(request, "staff.html", session=session, accounts=accounts, held=held,
                  flash=request.query_params.get("msg"))


@router.post("/{username}/unlock")
async def unlock(request: Request, username: str, session: AdminSessionDep, form: CheckedForm) -> Response:
    await unlock_account(username=username[:100], throttle=_throttle(request), actor=session.actor)
    message = f"ปลดล็อกการเข้าสู่ระบบของ {username[:100]} แล้ว"
    return RedirectResponse(f"/admin/staff?msg={quote(message)}", status_code=303)
