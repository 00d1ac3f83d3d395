"""Admin member pages: search, profile, PDPA export (JSON download) and erasure checked in the database."""

from __future__ import annotations

import httpx
import pytest

from backend.models import AuditLog, ConversationMessage, Member, Registration, RegistrationStatus
from backend.services import handover
from backend.services.auth import create_staff_user
from backend.services.registration import register_member_for_session
from tests.admin.test_admin_web import ADMIN_PASSWORD, TRAINER_PASSWORD, csrf_of, login
from tests.backend.factories import make_course, make_member, make_session
from tests.clock import CLOCK


@pytest.fixture
async def staff(db: None) -> None:
    await create_staff_user(username="somsri", role="admin", password=ADMIN_PASSWORD, display_name="สมศรี ผู้ดูแล")
    await create_staff_user(username="wichai", role="trainer", password=TRAINER_PASSWORD)


@pytest.fixture
async def admin_client(client: httpx.AsyncClient, staff: None) -> httpx.AsyncClient:
    assert (await login(client, "somsri", ADMIN_PASSWORD)).status_code == 303
    return client


async def _member_with_history() -> tuple[int, str, int, int]:
    """A member registered for a full session (someone waiting behind them), with a chat log."""
    course = await make_course()
    session = await make_session(course.code, capacity=1)
    member = await make_member(display_name="สมหญิง ใจดี", position="นักวิชาการคอมพิวเตอร์")
    waiting = await make_member(display_name="สมชาย รอคิว")
    await register_member_for_session(member_id=member.id, session_id=session.id, actor="test", clock=CLOCK)
    behind = await register_member_for_session(member_id=waiting.id, session_id=session.id, actor="test", clock=CLOCK)
    await handover.record_message(line_user_id=str(member.line_user_id), direction="in", text="สวัสดีค่ะ",
                                 at=CLOCK.utcnow())
    return member.id, str(member.line_user_id), session.id, behind.registration_id


async def test_admin_finds_a_member_and_sees_their_registrations(admin_client: httpx.AsyncClient) -> None:
    member_id, line_id, _, _ = await _member_with_history()
    page = await admin_client.get("/admin/members", params={"q": "สมหญิง"})
    assert page.status_code == 200 and "สมหญิง ใจดี" in page.text and "สมชาย" not in page.text
    assert f'href="/admin/members/{member_id}"' in page.text
    by_line_id = await admin_client.get("/admin/members", params={"q": line_id})
    assert "สมหญิง ใจดี" in by_line_id.text
    detail = await admin_client.get(f"/admin/members/{member_id}")
    assert detail.status_code == 200
    assert "นักวิชาการคอมพิวเตอร์" in detail.text and "รุ่นที่ 1" in detail.text
    assert "ส่งออกไฟล์ข้อมูล (JSON)" in detail.text and "ลบข้อมูลส่วนบุคคล" in detail.text
    assert 'href="/admin/members"' in detail.text  # the nav link
    assert (await admin_client.get("/admin/members/999999")).status_code == 404


async def test_export_downloads_the_members_json(admin_client: httpx.AsyncClient) -> None:
    member_id, line_id, session_id, _ = await _member_with_history()
    response = await admin_client.get(f"/admin/members/{member_id}/export.json")
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    data = response.json()
    assert data["member"]["display_name"] == "สมหญิง ใจดี" and data["member"]["line_user_id"] == line_id
    assert [r["session_id"] for r in data["registrations"]] == [session_id]
    assert await AuditLog.filter(action="member.export", target_id=str(member_id), actor__contains="somsri").exists()


async def test_deletion_needs_confirmation_and_clears_the_database(admin_client: httpx.AsyncClient) -> None:
    member_id, line_id, _, waiting_registration = await _member_with_history()
    confirm = await admin_client.get(f"/admin/members/{member_id}/delete")
    assert confirm.status_code == 200 and "ไม่สามารถกู้คืนได้" in confirm.text
    token = csrf_of(confirm.text)

    missing = await admin_client.post(f"/admin/members/{member_id}/delete", data={"confirm": "yes"})
    assert missing.status_code == 403
    forged = await admin_client.post(f"/admin/members/{member_id}/delete", data={"confirm": "yes",
                                                                                  "csrf_token": "forged"})
    assert forged.status_code == 403
    assert (await Member.get(id=member_id)).deleted_at is None

    done = await admin_client.post(f"/admin/members/{member_id}/delete", data={"confirm": "yes", "csrf_token": token})
    assert done.status_code == 200
    assert "ลบข้อมูลส่วนบุคคลของสมาชิก" in done.text and "ยกเลิกการสมัครที่ยังไม่ถึงวันอบรม 1 รายการ" in done.text
    assert "ผู้ที่ได้เลื่อนจากรายชื่อสำรองเป็นผู้เข้าอบรม 1 คน" in done.text
    assert "ประวัติการสนทนาที่ลบ 1 ข้อความ" in done.text

    member = await Member.get(id=member_id)
    assert member.line_user_id is None and member.deleted_at is not None
    assert (member.display_name, member.agency_text, member.position, member.province, member.consent_at) == (
        "", "", "", None, None)
    assert not await ConversationMessage.filter(line_user_id=line_id).exists()
    assert await Registration.filter(member_id=member_id, status=RegistrationStatus.cancelled).count() == 1
    assert (await Registration.get(id=waiting_registration)).status == RegistrationStatus.registered
    assert await AuditLog.filter(action="member.delete_data", target_id=str(member_id),
                                 actor__contains="somsri").exists()
    listing = await admin_client.get("/admin/members", params={"q": "สมหญิง"})
    assert "สมหญิง ใจดี" not in listing.text


async def test_trainers_cannot_see_export_or_delete_members(client: httpx.AsyncClient, staff: None) -> None:
    member_id, _, _, _ = await _member_with_history()
    assert (await login(client, "wichai", TRAINER_PASSWORD)).status_code == 303
    token = csrf_of((await client.get("/admin/courses")).text)
    assert (await client.get("/admin/members")).status_code == 403
    assert (await client.get(f"/admin/members/{member_id}")).status_code == 403
    assert (await client.get(f"/admin/members/{member_id}/export.json")).status_code == 403
    refused = await client.post(f"/admin/members/{member_id}/delete", data={"confirm": "yes", "csrf_token": token})
    assert refused.status_code == 403
    assert (await Member.get(id=member_id)).deleted_at is None
    nav = await client.get("/admin/courses")
    assert 'href="/admin/members"' not in nav.text
