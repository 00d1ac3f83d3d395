"""Sign in and out, and the package's static files."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from backend.admin.web import (
    LOGIN_CSRF_COOKIE,
    PACKAGE_DIR,
    SESSION_COOKIE,
    AdminRoute,
    CheckedForm,
    StaffSession,
    render,
    secure_cookies,
)
from backend.api.throttle import client_address
from backend.deps import ClockDep
from backend.services import audit
from backend.services.admin_sessions import (
    SESSION_TTL_SECONDS,
    LoginFailed,
    authenticate,
    csrf_matches,
    end_session,
    start_session,
)
from backend.services.login_throttle import LoginThrottle

router = APIRouter(route_class=AdminRoute)
# name -> (file under static/, media type); Apache ECharts is vendored from npm (make vendor-js), never a CDN.
STATIC_FILES = {"admin.css": ("admin.css", "text/css"), "admin.js": ("admin.js", "text/javascript"),
                "charts.js": ("charts.js", "text/javascript"),
                "echarts.min.js": ("vendor/echarts.min.js", "text/javascript")}
FONT_FILES = {"Sarabun-Regular.ttf", "Sarabun-Bold.ttf"}


def _safe_next(target: str | None) -> str:
    """Only our own admin pages (no open redirect)."""
    if not target:
        return "/admin"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/admin") or target.startswith("//"):
        return "/admin"
    return target


def _login_page(request: Request, *, error: str = "", status_code: int = 200, username: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", status_code=status_code, csrf=token, error=error,
                      next=_safe_next(request.query_params.get("next")), username=username)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=secure_cookies(request),
                        path="/admin/login", max_age=3600)
    return response


@router.get("/login", include_in_schema=False)
async def login_form(request: Request) -> Response:
    return _login_page(request)


@router.post("/login", include_in_schema=False)
async def login(request: Request, clock: ClockDep) -> Response:
    form = await request.form()
    if not csrf_matches(request.cookies.get(LOGIN_CSRF_COOKIE, ""), str(form.get("csrf_token") or "")):
        return _login_page(request, error="แบบฟอร์มหมดอายุ กรุณาลองอีกครั้ง", status_code=403)
    username = str(form.get("username") or "")[:100]
    runtime = request.app.state.runtime
    throttle = LoginThrottle(runtime.redis, runtime.settings.redis_prefix)
    try:
        user = await authenticate(username, str(form.get("password") or "")[:200], address=client_address(request),
                                  throttle=throttle)
    except LoginFailed as exc:
        page = _login_page(request, error=exc.message_th, status_code=429 if exc.retry_after else 401,
                           username=username)
        if exc.retry_after:
            page.headers["Retry-After"] = str(exc.retry_after)
        return page
    session = await start_session(runtime.redis, runtime.settings.redis_prefix, user, now=clock.timestamp())
    await audit.record(actor=session.actor, action="staff.login", target_type="staff_user", target_id=user.id)
    response = RedirectResponse(_safe_next(str(form.get("next") or "")), status_code=303)
    response.set_cookie(SESSION_COOKIE, session.sid, httponly=True, samesite="lax", secure=secure_cookies(request),
                        path="/admin", max_age=SESSION_TTL_SECONDS)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/admin/login")
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request, session: StaffSession, form: CheckedForm) -> Response:
    runtime = request.app.state.runtime
    await end_session(runtime.redis, runtime.settings.redis_prefix, session.sid)
    await audit.record(actor=session.actor, action="staff.logout", target_type="staff_user",
                       target_id=session.staff_id)
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/admin")
    return response


@router.get("/static/{name}", include_in_schema=False)
async def static_file(name: str) -> Response:
    if name in FONT_FILES:  # the Thai typeface, shipped as a Python package (no CDN)
        import fontpkg_sarabun

        return FileResponse(fontpkg_sarabun.ROOT / "files" / name, media_type="font/ttf",
                            headers={"Cache-Control": "public, max-age=86400"})
    if name not in STATIC_FILES:
        raise HTTPException(404)
    path, media_type = STATIC_FILES[name]
    return FileResponse(PACKAGE_DIR / "static" / path, media_type=media_type,
                        headers={"Cache-Control": "public, max-age=300"})
