"""REST API: courses and sessions, error shapes (404/409/422), public search."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import httpx
import pytest

from backend.models import AuditLog
from backend.services import registration
from tests.backend.factories import make_member, make_staff
from tests.clock import CLOCK, TODAY

pytestmark = pytest.mark.usefixtures("db")

SOON = (TODAY + dt.timedelta(days=30)).isoformat()
SOON_END = (TODAY + dt.timedelta(days=31)).isoformat()

COURSE = {
    "code": "onde-ai-001",
    "title_th": "ปัญญาประดิษฐ์เชิงสร้างสรรค์สำหรับผู้บริหาร",
    "title_en": "Generative AI for executives",
    "provider": "สถาบันสมมุติเพื่อการพัฒนาดิจิทัล",
    "description": "การใช้ ChatGPT และเครื่องมือ AI อย่างปลอดภัยในงานราชการ",
    "topics": ["ai", "leadership"],
    "skill_areas": ["digital_leadership"],
    "target_groups": ["executive"],
    "hours": "12",
    "modality": "hybrid",
    "fee": "0",
    "certification_no": "สดช. 001/2569",
    "certified_on": "2026-01-15",
    "certification_expires": "2028-01-14",
}


@pytest.fixture
async def admin(client: httpx.AsyncClient) -> dict[str, str]:
    _, token = await make_staff("admin")
    return {"Authorization": f"Bearer {token}"}


async def test_create_course_then_public_detail_and_search(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    created = await client.post("/api/v1/courses", json=COURSE, headers=admin)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["code"] == "ONDE-AI-001"
    assert [t["code"] for t in body["topics"]] == ["ai", "leadership"]
    assert body["target_groups"] == [{"code": "executive", "name_th": "ผู้บริหารระดับสูง"}]
    assert body["sessions"] == [] and body["next_session"] is None

    session = await client.post("/api/v1/courses/ONDE-AI-001/sessions", headers=admin, json={
        "start_date": SOON, "end_date": SOON_END, "province": "กรุงเทพมหานคร", "capacity": 25,
        "venue": "ห้องประชุมชั้น 5",
    })
    assert session.status_code == 201, session.text
    assert session.json()["no"] == 1
    assert session.json()["seats_left"] == 25
    assert session.json()["is_open_for_registration"] is True

    detail = await client.get("/api/v1/courses/onde-ai-001")
    assert detail.status_code == 200
    assert detail.json()["sessions"][0]["seats_left"] == 25
    assert detail.json()["certified_on"] == "2026-01-15"

    found = await client.get("/api/v1/courses", params={"q": "เอไอ", "target_group": "executive"})
    assert found.status_code == 200
    page = found.json()
    assert page["total"] == 1 and page["pages"] == 1
    assert page["items"][0]["code"] == "ONDE-AI-001"
    assert page["items"][0]["next_session"]["start_date"] == SOON

    actions = await AuditLog.all().order_by("id").values_list("action", flat=True)
    assert actions == ["course.create", "session.create"]


async def test_update_and_retire(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    await client.post("/api/v1/courses", json=COURSE, headers=admin)
    patched = await client.patch("/api/v1/courses/ONDE-AI-001", headers=admin,
                                 json={"title_th": "เอไอสำหรับผู้บริหารยุคใหม่", "topics": ["ai"], "fee": "1500"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["title_th"] == "เอไอสำหรับผู้บริหารยุคใหม่"
    assert patched.json()["fee"] == 1500.0
    assert [t["code"] for t in patched.json()["topics"]] == ["ai"]
    assert (await client.get("/api/v1/courses", params={"q": "ยุคใหม่"})).json()["total"] == 1

    retired = await client.post("/api/v1/courses/ONDE-AI-001/retire", headers=admin)
    assert retired.status_code == 200 and retired.json()["status"] == "retired"
    assert (await client.get("/api/v1/courses", params={"q": "ยุคใหม่"})).json()["total"] == 0
    deleted = await client.delete("/api/v1/courses/ONDE-AI-001", headers=admin)
    assert deleted.status_code == 200


async def test_error_shapes(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    missing = await client.get("/api/v1/courses/NOPE-404")
    assert missing.status_code == 404
    assert missing.json()["code"] == "course_not_found"
    assert missing.json()["message_th"]

    assert (await client.post("/api/v1/courses", json=COURSE, headers=admin)).status_code == 201
    duplicate = await client.post("/api/v1/courses", json=COURSE, headers=admin)
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "already_exists"

    bad = await client.post("/api/v1/courses", headers=admin, json={**COURSE, "code": "X-2", "hours": -1,
                                                                     "modality": "telepathy", "topics": []})
    assert bad.status_code == 422
    fields = {e["field"] for e in bad.json()["errors"]}
    assert {"hours", "modality", "topics"} <= fields

    unknown = await client.post("/api/v1/courses", headers=admin, json={**COURSE, "code": "X-3",
                                                                         "topics": ["astrology"]})
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [{"field": "topics", "reason": "unknown code 'astrology'"}]

    wrong_dates = await client.post("/api/v1/courses/ONDE-AI-001/sessions", headers=admin, json={
        "start_date": SOON_END, "end_date": SOON, "province": "ไม่มีจังหวัดนี้", "capacity": 0})
    assert wrong_dates.status_code == 422
    no_province = await client.post("/api/v1/courses/ONDE-AI-001/sessions", headers=admin, json={
        "start_date": SOON, "end_date": SOON_END, "capacity": 10})
    assert no_province.status_code == 422
    assert no_province.json()["errors"][0]["field"] == "province"

    for params in ({"page": 0}, {"page_size": 51}, {"date_from": "not-a-date"}, {"topic": "astrology"},
                   {"province": "x" * 101}, {"modality": "fax"}):
        r = await client.get("/api/v1/courses", params=params)
        assert r.status_code == 422, (params, r.text)

    assert (await client.get("/api/v1/sessions/99999999999")).status_code == 422
    assert (await client.get("/api/v1/sessions/123")).status_code == 404
    assert (await client.patch("/api/v1/sessions/1", headers=admin, content=b"{not json")).status_code == 422


async def test_capacity_rules_on_session_update(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    await client.post("/api/v1/courses", json=COURSE, headers=admin)
    created = await client.post("/api/v1/courses/ONDE-AI-001/sessions", headers=admin, json={
        "start_date": SOON, "end_date": SOON_END, "online": True, "capacity": 1})
    session_id = created.json()["id"]
    people = [await make_member() for _ in range(3)]
    for person in people:
        await registration.register_member_for_session(member_id=person.id, session_id=session_id, actor="t", clock=CLOCK)

    too_small = await client.patch(f"/api/v1/sessions/{session_id}", headers=admin, json={"capacity": 0})
    assert too_small.status_code == 422
    grown = await client.patch(f"/api/v1/sessions/{session_id}", headers=admin, json={"capacity": 2})
    assert grown.status_code == 200, grown.text
    assert grown.json()["session"]["seats_left"] == 0
    assert [p["member_id"] for p in grown.json()["promoted"]] == [people[1].id]

    regs = await client.get(f"/api/v1/sessions/{session_id}/registrations", headers=admin)
    assert [(r["member_id"], r["status"], r["waitlist_position"]) for r in regs.json()] == [
        (people[0].id, "registered", None), (people[1].id, "registered", None), (people[2].id, "waitlisted", 1)]

    await client.patch(f"/api/v1/sessions/{session_id}", headers=admin, json={"capacity": 3})
    conflict = await client.patch(f"/api/v1/sessions/{session_id}", headers=admin, json={"capacity": 2})
    assert conflict.status_code == 409


async def test_hostile_inputs_get_4xx_never_500(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    weird = ["\x00", "%_'\"\\;--", "ก" * 5000, "\ufffe", "../../etc/passwd", "' OR 1=1 --", "🙂" * 50]
    for i, value in enumerate(weird):
        for params in ({"q": value}, {"province": value[:100]}, {"topic": value[:40]}, {"target_group": value[:40]}):
            r = await client.get("/api/v1/courses", params=params)
            assert r.status_code in (200, 422), (params, r.status_code)
        r = await client.get(f"/api/v1/courses/{quote(value[:40], safe='')}")
        assert r.status_code in (404, 422), (value, r.status_code)
        r = await client.get("/api/v1/members", params={"q": value[:200]}, headers=admin)
        assert r.status_code in (200, 422), (value, r.status_code)
        r = await client.post("/api/v1/courses", headers=admin, json={**COURSE, "code": f"H-{i}", "title_th": value})
        assert r.status_code in (201, 422), (value, r.status_code, r.text)
        r = await client.post("/api/v1/agencies", headers=admin, json={"name": value[:255]})
        assert r.status_code in (201, 409, 422), (value, r.status_code)
    assert (await client.post("/api/v1/courses", headers=admin, content=b"\xff\xfe not json")).status_code == 422
    assert (await client.post("/api/v1/courses", headers=admin, json=[1, 2])).status_code == 422
    surrogate = b'{"code": "H-2", "title_th": "\\ud800", "provider": "x", "topics": ["ai"], ' \
                b'"target_groups": ["other"], "hours": 1, "modality": "online"}'
    r = await client.post("/api/v1/courses", headers={**admin, "Content-Type": "application/json"}, content=surrogate)
    assert r.status_code == 422
    assert (await client.post("/api/v1/courses", headers=admin, json={**COURSE, "hours": 1e308})).status_code == 422


async def test_openapi_lists_the_catalogue_endpoints(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    for path in ("/api/v1/courses", "/api/v1/courses/{code}", "/api/v1/courses/{code}/sessions",
                 "/api/v1/sessions/{session_id}", "/api/v1/sessions/{session_id}/registrations",
                 "/api/v1/members", "/api/v1/agencies", "/api/v1/tokens", "/api/v1/tokens/{token_id}"):
        assert path in spec["paths"], path
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
