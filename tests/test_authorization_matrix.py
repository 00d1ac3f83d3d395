"""Every staff endpoint of the REST API and every admin page against every kind of caller.

For each operation that is not public: no token -> 401, a wrong token -> 401, a trainer acting on another
trainer's session (or on anything admin-only) -> 403, an admin -> neither 401 nor 403. An agency coordinator
gets 403 everywhere but the agency endpoints; there, naming another agency (or another agency's member) is
403, and what they see of their own agency never holds another agency's people. Operations are read from the
app's own OpenAPI document and its routes, so a new endpoint or page is covered the day it is added.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from backend.models import Agency, Course, Registration, RegistrationStatus, Session
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
# What an agency coordinator may use: their own agency's figures (another agency's: 403).
COORDINATOR_OWN = {
    ("GET", "/api/v1/agency/staff"),
    ("GET", "/api/v1/agency/completion"),
    ("GET", "/api/v1/agency/sessions"),
    ("GET", "/api/v1/agency/nominations"),
    ("POST", "/api/v1/agency/nominations"),
    ("GET", "/api/v1/agency/report.xlsx"),
}
# ... and their own agency's members.
COORDINATOR_MEMBER = {("GET", "/api/v1/members/{member_id}/skill-gaps")}
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
    coordinator_a: str
    """Coordinator of the agency the world's member works for."""
    coordinator_b: str
    """Coordinator of another agency (with a member of its own)."""
    member_name: str
    other_member_name: str


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
    agency_a = await Agency.create(name="กรมทดสอบสิทธิ์ ก")
    agency_b = await Agency.create(name="กรมทดสอบสิทธิ์ ข")
    _, coordinator_a = await make_staff("coordinator", agency_id=agency_a.id)
    _, coordinator_b = await make_staff("coordinator", agency_id=agency_b.id)
    member = await make_member(target_group="service", agency_id=agency_a.id)
    other = await make_member(target_group="service", agency_id=agency_b.id)
    upcoming = await make_session(course.code)
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
        "agency_id": agency_a.id, "token_id": spare_token_id, "open_session_id": upcoming.id, "number": "ONDE-2569-999999", "broadcast_id": 1,
    }
    return World(values=values, admin=admin_token, trainer_a=token_a, trainer_b=token_b,
                 coordinator_a=coordinator_a, coordinator_b=coordinator_b, member_name=member.display_name,
                 other_member_name=other.display_name)


def _body(method: str, template: str, values: dict[str, Any]) -> Any:
    if (method, template) == ("POST", "/api/v1/agency/nominations"):
        return {"member_id": values["member_id"], "session_id": values["open_session_id"]}
    return BODIES.get((method, template), {})


async def _request(client: httpx.AsyncClient, method: str, template: str, values: dict[str, Any],
                   token: str | None, query: dict[str, Any] | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    kwargs: dict[str, Any] = {"headers": headers, "params": query or {}}
    if method in ("POST", "PUT", "PATCH"):
        kwargs["json"] = _body(method, template, values)
    return await client.request(method, fill(template, values), **kwargs)


async def _call(client: httpx.AsyncClient, method: str, template: str, values: dict[str, Any],
                token: str | None) -> int:
    return (await _request(client, method, template, values, token)).status_code


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


async def test_a_coordinator_reaches_their_own_agency_only(app: FastAPI, client: httpx.AsyncClient,
                                                           world: World) -> None:
    operations = api_operations(app)
    assert COORDINATOR_OWN | COORDINATOR_MEMBER <= set(operations)
    wrong: list[str] = []
    values = world.values
    other_agency = {"agency_id": values["agency_id"]}
    for method, template in operations:
        name = f"{method} {template}"
        if (method, template) in COORDINATOR_OWN:
            # Another agency named: refused. Their own (the default): answered, without the other's people.
            if (status := (await _request(client, method, template, values, world.coordinator_b,
                                          other_agency)).status_code) != 403:
                wrong.append(f"{name} for another agency: {status}")
            if method == "POST":
                continue  # the member is not theirs to nominate: checked below
            own = await _request(client, method, template, values, world.coordinator_b)
            if own.status_code != 200:
                wrong.append(f"{name} for their own agency: {own.status_code}")
            elif world.member_name in own.text:
                wrong.append(f"{name} shows another agency's member")
        elif (method, template) in COORDINATOR_MEMBER:
            if (status := await _call(client, method, template, values, world.coordinator_b)) != 403:
                wrong.append(f"{name} about another agency's member: {status}")
            if (status := await _call(client, method, template, values, world.coordinator_a)) != 200:
                wrong.append(f"{name} about their own member: {status}")
        elif (status := await _call(client, method, template, values, world.coordinator_b)) != 403:
            wrong.append(f"{name} by a coordinator: {status}")
    assert not wrong, "\n".join(wrong)


async def test_a_coordinator_nominates_their_own_staff_only(client: httpx.AsyncClient, world: World) -> None:
    body = {"member_id": world.values["member_id"], "session_id": world.values["open_session_id"]}
    refused = await client.post("/api/v1/agency/nominations", json=body,
                                headers={"Authorization": f"Bearer {world.coordinator_b}"})
    assert refused.status_code == 404 and world.member_name not in refused.text
    made = await client.post("/api/v1/agency/nominations", json=body,
                             headers={"Authorization": f"Bearer {world.coordinator_a}"})
    assert made.status_code == 201 and made.json()["status"] == "pending"
    staff = await client.get("/api/v1/agency/staff", headers={"Authorization": f"Bearer {world.coordinator_a}"})
    names = [s["name"] for s in staff.json()["staff"]]
    assert world.member_name in names and world.other_member_name not in names


# Admin pages: what a coordinator may open (their agency's), the rest refuse them with 403.
COORDINATOR_PAGES = {"/admin/agency", "/admin/agency/completion", "/admin/agency/nominations",
                     "/admin/agency/report.xlsx"}
# Pages anyone signed in may use (signing out), and the dashboard that sends each role to its home.
ANY_STAFF_PAGES = {("POST", "/admin/logout"), ("GET", "/admin")}
NOT_PAGES = {"/admin/login", "/admin/static/{name}"}


def admin_pages(app: FastAPI) -> list[tuple[str, str]]:
    """Every admin page and form action (routers included into the app are walked through)."""
    found = []
    for route in app.routes:
        contexts = route.effective_route_contexts() if hasattr(route, "effective_route_contexts") else [route]
        for context in contexts:
            path, methods = getattr(context, "path", ""), getattr(context, "methods", None) or ()
            if path.startswith("/admin") and path not in NOT_PAGES:
                found.extend((method, path) for method in sorted(methods) if method != "HEAD")
    return sorted(set(found))


async def _sign_in(app: FastAPI, username: str, password: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)
    http = httpx.AsyncClient(transport=transport, base_url="http://testserver")
    page = await http.get("/admin/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    response = await http.post("/admin/login", data={"username": username, "password": password,
                                                     "csrf_token": csrf.group(1), "next": "/admin"})
    assert response.status_code == 303, response.text
    return http


async def test_every_admin_page_refuses_a_coordinator_but_their_agency_pages(app: FastAPI, world: World) -> None:
    agency_b = await Agency.get(name="กรมทดสอบสิทธิ์ ข")
    await auth.create_staff_user(username="coord-pages", role="coordinator", agency_id=agency_b.id,
                                 password="coordinator pages 1")
    http = await _sign_in(app, "coord-pages", "coordinator pages 1")
    pages = admin_pages(app)
    assert len(pages) >= 30 and {("GET", p) for p in COORDINATOR_PAGES} <= set(pages)
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', (await http.get("/admin/agency")).text)
    assert csrf
    values = {**world.values, "who": "onde", "key": "trained_by_agency", "fmt": "xlsx", "handover_id": 1,
              "username": "nobody"}
    wrong: list[str] = []
    try:
        for method, template in pages:
            if (method, template) in ANY_STAFF_PAGES:
                continue
            path = fill(template, values)
            kwargs: dict[str, Any] = {}
            if method == "POST":  # a valid form: the refusal is about who asks
                kwargs = {"headers": {"X-CSRF-Token": csrf.group(1)},
                          "data": {"member_id": values["member_id"], "session_id": values["open_session_id"]}}
            if template in COORDINATOR_PAGES:
                other = await http.request(method, path, params={"agency_id": values["agency_id"]}, **kwargs)
                if other.status_code != 403:
                    wrong.append(f"{method} {template} for another agency: {other.status_code}")
                own = await http.request(method, path, **kwargs)
                # Nominating another agency's member from one's own page: not found among their staff.
                if own.status_code != (404 if method == "POST" else 200):
                    wrong.append(f"{method} {template} for their own agency: {own.status_code}")
                elif world.member_name in own.text:
                    wrong.append(f"{method} {template} shows another agency's member")
                continue
            if (status := (await http.request(method, path, **kwargs)).status_code) != 403:
                wrong.append(f"{method} {template} by a coordinator: {status}")
        home = await http.get("/admin")
        if home.headers.get("location") != "/admin/agency":
            wrong.append(f"/admin sends a coordinator to {home.headers.get('location')}")
    finally:
        await http.aclose()
    assert not wrong, "\n".join(wrong)


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
