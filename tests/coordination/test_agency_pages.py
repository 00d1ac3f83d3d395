"""The agency pages for each role: an admin picks any agency, a trainer is refused; a nomination made on the
page is audited and queued for LINE; the phrasings that ask for advice stay search_courses for the NLU."""

from __future__ import annotations

import re

import httpx
import pytest

import nlu
from backend.models import AuditLog, Nomination
from backend.services.auth import create_staff_user
from bot.phrases import asks_for_recommendations
from tests.backend.factories import make_course, make_member, make_session
from tests.coordination.helpers import make_agency


async def _sign_in(client: httpx.AsyncClient, username: str, password: str) -> str:
    page = await client.get("/admin/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    answer = await client.post("/admin/login", data={"username": username, "password": password,
                                                     "csrf_token": csrf.group(1), "next": "/admin"})
    assert answer.status_code == 303
    home = await client.get("/admin/agency")
    token = re.search(r'name="csrf-token" content="([^"]+)"', home.text)
    return token.group(1) if token else ""


async def test_an_admin_picks_the_agency_and_a_trainer_is_refused(client: httpx.AsyncClient, db: None) -> None:
    agency = await make_agency("กรมที่ผู้ดูแลเลือก")
    member = await make_member(agency_id=agency.id, target_group="other")
    await create_staff_user(username="onde-admin", role="admin", password="admin pages 123")
    await _sign_in(client, "onde-admin", "admin pages 123")
    unpicked = await client.get("/admin/agency")
    assert unpicked.status_code == 200 and "เลือกหน่วยงานเพื่อดูข้อมูล" in unpicked.text
    picked = await client.get("/admin/agency", params={"agency_id": agency.id})
    assert picked.status_code == 200 and member.display_name in picked.text
    completion = await client.get("/admin/agency/completion", params={"agency_id": agency.id})
    assert "ผู้ปฏิบัติงานอื่น ๆ" in completion.text
    report = await client.get("/admin/agency/report.xlsx", params={"agency_id": agency.id})
    assert report.status_code == 200 and report.content[:2] == b"PK"
    await create_staff_user(username="trainer-pages", role="trainer", password="trainer pages 123")
    await client.post("/admin/logout", headers={"X-CSRF-Token": "x"})
    client.cookies.clear()
    await _sign_in(client, "trainer-pages", "trainer pages 123")
    for path in ("/admin/agency", "/admin/agency/completion", "/admin/agency/nominations",
                 "/admin/agency/report.xlsx"):
        assert (await client.get(path, params={"agency_id": agency.id})).status_code == 403, path


async def test_a_nomination_on_the_page_is_audited(client: httpx.AsyncClient, db: None) -> None:
    agency = await make_agency("กรมที่เสนอชื่อบนหน้าเว็บ")
    member = await make_member(agency_id=agency.id, target_group="other")
    session = await make_session((await make_course()).code)
    await create_staff_user(username="coord-web", role="coordinator", agency_id=agency.id,
                            password="coordinator web 1")
    csrf = await _sign_in(client, "coord-web", "coordinator web 1")
    done = await client.post("/admin/agency/nominations", data={"member_id": member.id, "session_id": session.id,
                                                                "csrf_token": csrf})
    assert done.status_code == 303 and "msg=" in done.headers["location"]
    listed = await client.get(done.headers["location"])
    assert member.display_name in listed.text and "รอคำตอบ" in listed.text
    again = await client.post("/admin/agency/nominations", data={"member_id": member.id, "session_id": session.id,
                                                                 "csrf_token": csrf})
    assert again.status_code == 409 and "ได้รับการเสนอชื่อเข้ารุ่นนี้แล้ว" in again.text
    assert await Nomination.filter(member_id=member.id).count() == 1
    entry = await AuditLog.get(action="nomination.create")
    assert entry.actor == "staff:coord-web"


@pytest.mark.parametrize("text", ["ควรเรียนอะไรดี", "มีอะไรแนะนำ", "มีอะไรแนะนำไหมคะ", "แนะนำหลักสูตรสำหรับท่าน",
                                  "ช่วยแนะนำหลักสูตรหน่อย", "อบรมอะไรดีคะ"])
def test_advice_phrasings_are_searches_the_bot_answers_with_recommendations(text: str) -> None:
    assert nlu.parse(text).intent == "search_courses"
    assert asks_for_recommendations(text)


@pytest.mark.parametrize("text", ["หาหลักสูตร AI", "สมัครรุ่นที่ 2", "หลักสูตรของฉัน", "ขอวุฒิบัตร"])
def test_other_requests_are_not_advice(text: str) -> None:
    assert not asks_for_recommendations(text)
