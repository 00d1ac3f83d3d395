"""One identifier for a course in the public API: its code, in every path and filter (what GET /courses gives
out); the integer ids older clients send keep working."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from backend.models import Registration, RegistrationStatus
from tests.backend.factories import make_course, make_member, make_session, make_staff
from tests.clock import TODAY


@pytest.fixture
async def admin(db: None) -> dict[str, str]:
    _, token = await make_staff("admin")
    return {"Authorization": f"Bearer {token}"}


async def test_a_certificate_rule_is_set_by_course_code_before_any_certificate(
        client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    course = await make_course(code="ID-RULE-1")
    listed = (await client.get("/api/v1/courses/ID-RULE-1")).json()
    assert listed["code"] == "ID-RULE-1"
    rule = {"require_attendance": True, "require_l1": False, "require_l2_post": True}
    put = await client.put("/api/v1/courses/ID-RULE-1/certificate-rule", headers=admin, json=rule)
    assert put.status_code == 200 and put.json() == rule
    assert (await client.get("/api/v1/courses/id-rule-1/certificate-rule", headers=admin)).json() == rule
    from backend.services import catalogue

    old_id = await catalogue.resolve_course_id(course.code)
    assert (await client.get(f"/api/v1/courses/{old_id}/certificate-rule", headers=admin)).json() == rule
    missing = await client.get("/api/v1/courses/NO-SUCH/certificate-rule", headers=admin)
    assert missing.status_code == 404 and missing.json()["code"] == "course_not_found"
    assert (await client.get("/api/v1/courses/999999/certificate-rule", headers=admin)).status_code == 404


async def test_reports_and_audiences_name_a_course_by_its_code(client: httpx.AsyncClient,
                                                               admin: dict[str, str]) -> None:
    course = await make_course(code="ID-REP-1", target_groups=["service"])
    session = await make_session(course.code, start_date=TODAY - dt.timedelta(days=5),
                                 end_date=TODAY - dt.timedelta(days=4))
    for _ in range(2):
        member = await make_member(target_group="service")
        await Registration.create(member_id=member.id, session_id=session.id, status=RegistrationStatus.completed,
                                  active_key=f"{member.id}:{session.id}")
    await make_member(target_group="service")  # not in the course
    from backend.services import catalogue

    old_id = await catalogue.resolve_course_id(course.code)
    by_code = await client.get("/api/v1/reports/courses/ID-REP-1", headers=admin)
    by_id = await client.get(f"/api/v1/reports/courses/{old_id}", headers=admin)
    assert by_code.status_code == by_id.status_code == 200 and by_code.json() == by_id.json()
    filtered = await client.get("/api/v1/reports/surveys?course=ID-REP-1", headers=admin)
    assert filtered.status_code == 200 and filtered.json() == by_code.json()
    assert (await client.get("/api/v1/reports/courses/NOPE-1", headers=admin)).status_code == 404

    count = await client.post("/api/v1/broadcasts/audience/count", headers=admin, json={"course_code": "id-rep-1"})
    assert count.status_code == 200 and count.json() == {"count": 2}
    old = await client.post("/api/v1/broadcasts/audience/count", headers=admin, json={"course_id": old_id})
    assert old.json() == {"count": 2}
    everyone = await client.post("/api/v1/broadcasts/audience/count", headers=admin, json={})
    assert everyone.json() == {"count": 3}
