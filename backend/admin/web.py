"""What every admin page shares: templates, security headers, the signed-in staff member, CSRF."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, select_autoescape

from backend import labels
from backend.admin import dates
from backend.services.admin_sessions import AdminSession, csrf_matches, load_session
from backend.services.errors import ADMIN_ONLY_TH
from backend.thai_dates import Month, thai_date, thai_datetime, thai_month

PACKAGE_DIR = Path(__file__).resolve().parent
SESSION_COOKIE = "onde_admin"
LOGIN_CSRF_COOKIE = "onde_admin_login"

# The security headers themselves come from backend.api.security_headers (every response); admin pages
# are never cached.
NO_STORE = {"Cache-Control": "no-store"}


class AdminRoute(APIRoute):
    """Admin answers are never stored by browsers or proxies."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def with_headers(request: Request) -> Response:
            response = await handler(request)
            for name, value in NO_STORE.items():
                response.headers.setdefault(name, value)
            return response

        return with_headers


def date_cell(value: dt.date | dt.datetime | None) -> str:
    """A date in a table cell: Buddhist era, or a dash when there is none."""
    if value is None:
        return "-"
    return thai_date(value.date() if isinstance(value, dt.datetime) else value)


def datetime_cell(value: dt.datetime | None) -> str:
    return "-" if value is None else thai_datetime(value)


def table_cell(value: Any) -> str:
    """A value in a table as people read it: months and dates in the Buddhist era, numbers grouped."""
    if isinstance(value, Month):
        return thai_month(value)
    if isinstance(value, dt.date | dt.datetime):
        return date_cell(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    return "-" if value is None else str(value)


def number(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(PACKAGE_DIR / "templates")),
        autoescape=select_autoescape(["html", "svg"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thai_date"] = date_cell
    env.filters["thai_month"] = thai_month
    env.filters["cell"] = table_cell
    env.filters["number"] = number
    env.filters["date_input"] = dates.date_input_value
    env.filters["datetime_input"] = dates.datetime_input_value
    env.globals["labels"] = labels
    env.globals["label"] = labels.label
    env.globals["dates"] = dates
    env.filters["urlquote"] = lambda v: quote(str(v), safe="")
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("session", getattr(request.state, "admin_session", None))
    context["request_path"] = request.url.path
    context["thai_datetime"] = datetime_cell
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)


async def target_group_names() -> dict[str, str]:
    """Target-group code -> its Thai name (the framework is data)."""
    from backend.services.framework import list_target_groups

    return {g.code: g.name_th for g in await list_target_groups()}


def secure_cookies(request: Request) -> bool:
    return str(request.app.state.settings.public_base_url).startswith("https://")


def _redis_and_prefix(request: Request) -> tuple[Any, str]:
    runtime = request.app.state.runtime
    return runtime.redis, runtime.settings.redis_prefix


async def current_session(request: Request) -> AdminSession:
    redis, prefix = _redis_and_prefix(request)
    session = await load_session(redis, prefix, request.cookies.get(SESSION_COOKIE),
                                 now=request.app.state.runtime.clock.timestamp())
    if session is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise HTTPException(303, headers={"Location": f"/admin/login?next={quote(target, safe='')}"})
    request.state.admin_session = session
    return session


StaffSession = Annotated[AdminSession, Depends(current_session)]


async def admin_only(session: StaffSession) -> AdminSession:
    if not session.is_admin:
        raise HTTPException(403, ADMIN_ONLY_TH)
    return session


AdminSessionDep = Annotated[AdminSession, Depends(admin_only)]


async def coordinator_or_admin(session: StaffSession) -> AdminSession:
    if not (session.is_admin or session.is_coordinator):
        raise HTTPException(403, "เฉพาะผู้ประสานงานหน่วยงานและผู้ดูแลระบบเท่านั้น")
    return session


CoordinatorSessionDep = Annotated[AdminSession, Depends(coordinator_or_admin)]


async def checked_form(request: Request, session: StaffSession) -> dict[str, Any]:
    """The posted form, after its CSRF token (field or X-CSRF-Token header) matched the session's."""
    form = await request.form()
    given = request.headers.get("x-csrf-token") or form.get("csrf_token")
    if not csrf_matches(session.csrf, str(given) if given else None):
        raise HTTPException(403, "แบบฟอร์มหมดอายุหรือไม่ถูกต้อง กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง")
    return {key: form.getlist(key) if len(form.getlist(key)) > 1 else form.get(key) for key in form}


CheckedForm = Annotated[dict[str, Any], Depends(checked_form)]


def form_list(form: dict[str, Any], key: str) -> list[str]:
    value = form.get(key)
    if value is None or value == "":
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]
