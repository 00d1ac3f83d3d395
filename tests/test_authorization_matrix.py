"""Every staff endpoint of the REST API against every kind of caller.

For each operation that is not public: no token -> 401, a wrong token -> 401, a trainer acting on another
trainer's session (or on anything admin-only) -> 403, an admin -> neither 401 nor 403. Operations are read
from the app's own OpenAPI document, so a new endpoint is covered the day it is added.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from backend.models import Course, Registration, RegistrationStatus, Session
from backend.services import auth, surveys
from tests.backend.factories import make_course, make_member, make_session, make_staff
from tests.clock import CLOCK, TODAY

PUBLIC = {
    ("GET", "/healthz"),
    ("GET", "/api/v1/courses"),
    ("GET", "/api/v1/courses/{code}"),
    ("GET", "/api/v1/sessions/{session_id}"),
    ("GET", "/api/v1/certificates/verify/{number}"),
    ("POST", "/line/webhook"),
}
# Staff endpoints a trainer may use for their own work even when they concern no particular session.
# Reports answer a trainer with their own sessions' figures only.
TRAINER_GENERAL = {
    ("GET", "/api/v1/survey-templates"),
    ("GET", "/api/v1/agencies"),
    ("GET", "/api/v1/courses/{course}/certificate-rule"),
    ("GET", "/api/v1/tokens"),
    ("POST", "/api/v1/tokens"),
    ("GET", "/api/v1/reports/surveys"),
    ("GET", "/api/v1/reports/courses/{course}"),
    ("GET", "/api/v1/reports/providers/{provider_id}"),
    ("GET", "/api/v1/reports/agencies/{agency_id}"),
    ("GET", "/api/v1/reports/target-groups/{code}"),
    ("GET", "/api/v1/reports/skill-areas/{code}"),
}
# Valid bodies, so that a refusal is about who calls, not about what they sent.
BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/api/v1/sessions/{session_id}/surveys"): {
        "template": "l1_satisfaction", "deadline": (CLOCK.utcnow() + dt.timedelta(days=3)).isoformat()},
    ("POST", "/api/v1/sessions/{session_id}/attendance"): {"member_ids": []},
}


@dataclass
class World:
    values: dict[str, Any]
    admin: str
    trainer_a: str
    trainer_b: str


def api_operations(app: FastAPI) -> list[tuple[str, str]]:
    """Every documented /api operation that is not public."""
    found = []
    for path, item in app.openapi()["paths"].items():
        for method in item:
            if path.startswith("/api/") and (method.upper(), path) not in PUBLIC:
                found.append((method.upper(), path))
    return found


def fill(path: str, values: dict[str, Any]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), 999999)), path)


@pytest.fixture
async def world(db: None) -> World:
    _, admin_token = await make_staff("admin")
    spare, _ = await make_staff("admin")  # its token is the one the DELETE /tokens/{id} call revokes
    trainer_a, token_a = await make_staff("trainer")
    _, token_b = await make_staff("trainer")
    course = await make_course()
    session = await make_session(course.code, start_date=TODAY - dt.timedelta(days=3),
                                 end_date=TODAY - dt.timedelta(days=2))
    await Session.filter(id=session.id).update(trainer_id=trainer_a.id)
    member = await make_member(target_group="service")
    await Registration.create(member_id=member.id, session_id=session.id, status=RegistrationStatus.attended,
                              active_key=f"{member.id}:{session.id}")
    await surveys.ensure_shipped_templates()
    template = (await surveys.list_templates())[0]
    dispatch = await surveys.dispatch_survey(
        session=await Session.get(id=session.id), template_code=template.code,
        deadline=CLOCK.utcnow() + dt.timedelta(days=7), now=CLOCK.utcnow(),
    )
    spare_token_id = (await auth.list_tokens(user_id=spare.id))[0].id
    course_row = await Session.get(id=session.id).prefetch_related("course")
    values = {
        "session_id": session.id, "code": course.code, "course": course.code, "member_id": member.id, "dispatch_id": dispatch.id,
        "course_id": course_row.course.id, "provider_id": course_row.course.provider_id,  # type: ignore[attr-defined]
        "agency_id": 1, "token_id": spare_token_id, "number": "ONDE-2569-999999", "broadcast_id": 1,
    }
    return World(values=values, admin=admin_token, trainer_a=token_a, trainer_b=token_b)


async def _call(client: httpx.AsyncClient, method: str, template: str, values: dict[str, Any],
                token: str | None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    kwargs: dict[str, Any] = {"headers": headers}
    if method in ("POST", "PUT", "PATCH"):
        kwargs["json"] = BODIES.get((method, template), {})
    return (await client.request(method, fill(template, values), **kwargs)).status_code


async def test_every_staff_endpoint_refuses_the_wrong_caller(app: FastAPI, client: httpx.AsyncClient,
                                                            world: World) -> None:
    operations = api_operations(app)
    assert len(operations) >= 20, operations
    wrong: list[str] = []
    values = world.values
    for method, template in operations:
        name = f"{method} {template}"
        if (status := await _call(client, method, template, values, None)) != 401:
            wrong.append(f"{name} without a token: {status}")
        if (status := await _call(client, method, template, values, "not-a-real-token")) != 401:
            wrong.append(f"{name} with a wrong token: {status}")
        status = await _call(client, method, template, values, world.trainer_b)
        if (method, template) not in TRAINER_GENERAL and status != 403:
            wrong.append(f"{name} by a trainer of another session: {status}")
        if (status := await _call(client, method, template, values, world.admin)) in (401, 403, 500):
            wrong.append(f"{name} by an admin: {status}")
    assert not wrong, "\n".join(wrong)


async def test_trainer_reaches_their_own_session(client: httpx.AsyncClient, world: World) -> None:
    auth = {"Authorization": f"Bearer {world.trainer_a}"}
    sid = world.values["session_id"]
    assert (await client.get(f"/api/v1/sessions/{sid}/registrations", headers=auth)).status_code == 200
    assert (await client.get(f"/api/v1/sessions/{sid}/attendance", headers=auth)).status_code == 200
    assert (await client.get(f"/api/v1/sessions/{sid}/surveys", headers=auth)).status_code == 200
    other = {"Authorization": f"Bearer {world.trainer_b}"}
    refused = await client.get(f"/api/v1/sessions/{sid}/registrations", headers=other)
    assert refused.status_code == 403 and refused.json()["detail"]


# Admin pages of ONDE's follow-up: signed out -> the sign-in page, a trainer -> 403, an admin -> the page.
ADMIN_PAGES = [
    ("GET", "/admin/follow-up", None),
    ("GET", "/admin/follow-up/export.xlsx", None),
    ("GET", "/admin/follow-up/{code}", None),
    ("POST", "/admin/follow-up/thresholds", {"l1_mean_below": "3.51", "response_rate_below": "50",
                                              "idle_months": "12", "expiry_within_days": "90"}),
]


async def test_every_follow_up_page_refuses_the_wrong_caller(app: FastAPI, world: World) -> None:
    from tests.admin.test_admin_web import csrf_of, login

    await auth.create_staff_user(username="page-admin", role="admin", password="correct horse battery")
    await auth.create_staff_user(username="page-trainer", role="trainer", password="correct horse battery")
    await Course.filter(code=world.values["code"]).update(certification_no="สดช. 1/2569")
    wrong: list[str] = []
    for who in (None, "page-trainer", "page-admin"):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            csrf = ""
            if who:
                assert (await login(client, who, "correct horse battery")).status_code == 303
                csrf = csrf_of((await client.get("/admin/courses")).text)
            for method, template, form in ADMIN_PAGES:
                path = fill(template, world.values)
                if method == "GET":
                    response = await client.get(path)
                else:
                    response = await client.post(path, data={**(form or {}), "csrf_token": csrf})
                expected = {None: (303,), "page-trainer": (403,), "page-admin": (200, 303)}[who]
                if response.status_code not in expected or (
                        who is None and "/admin/login" not in response.headers.get("location", "")):
                    wrong.append(f"{method} {template} as {who or 'nobody'}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
