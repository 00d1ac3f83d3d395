"""An admin opens an account on /admin/staff: a trainer, or an agency's coordinator who then signs in to their
agency's pages; bad entries are refused with a Thai reason and nothing is created; trainers cannot do it."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from backend.models import AuditLog, StaffUser
from backend.services.auth import create_staff_user, ensure_staff_account, verify_password
from backend.services.errors import AlreadyExists
from tests.admin.test_admin_thai import visible
from tests.admin.test_admin_web import ADMIN_PASSWORD, csrf_of, login
from tests.coordination.helpers import make_agency

NEW = {"username": "hr.dopa", "display_name": "ฝ่ายบุคคล กรมการปกครอง", "role": "coordinator",
       "password": "first password 1"}


@pytest.fixture
async def admin(client: httpx.AsyncClient, db: None) -> httpx.AsyncClient:
    await create_staff_user(username="somsri", role="admin", password=ADMIN_PASSWORD, display_name="สมศรี")
    assert (await login(client, "somsri", ADMIN_PASSWORD)).status_code == 303
    return client


async def _create(client: httpx.AsyncClient, **form: str) -> httpx.Response:
    page = await client.get("/admin/staff")
    return await client.post("/admin/staff", data={**form, "csrf_token": csrf_of(page.text)})


async def test_an_admin_opens_a_coordinator_account_who_then_signs_in(app: Any, admin: httpx.AsyncClient) -> None:
    agency = await make_agency("กรมการปกครอง")
    created = await _create(admin, **NEW, agency_id=str(agency.id))
    assert created.status_code == 303
    listing = await admin.get(created.headers["location"])
    assert "สร้างบัญชี hr.dopa (ผู้ประสานงานหน่วยงาน) แล้ว" in visible(listing.text)
    assert "ฝ่ายบุคคล กรมการปกครอง ผู้ประสานงานหน่วยงาน กรมการปกครอง" in " ".join(visible(listing.text).split())
    user = await StaffUser.get(username="hr.dopa")
    assert user.role == "coordinator" and user.agency_id == agency.id
    entry = await AuditLog.get(action="staff.create", target_id=user.id)
    assert entry.actor.startswith("staff:") and "first password" not in str(entry.details)

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as hr:
        signed_in = await login(hr, "hr.dopa", "first password 1")
        assert signed_in.status_code == 303
        assert (await hr.get("/admin")).headers["location"] == "/admin/agency"
        assert (await hr.post("/admin/staff", data={**NEW, "username": "x.y.z"})).status_code in (403, 422)


async def test_bad_entries_are_refused_with_a_reason_and_create_nothing(admin: httpx.AsyncClient) -> None:
    await make_agency("กรมการปกครอง")
    cases = [
        ({**NEW, "agency_id": ""}, "ผู้ประสานงานหน่วยงานต้องระบุหน่วยงาน"),
        ({**NEW, "agency_id": "999999"}, "ไม่พบหน่วยงานนี้"),
        ({**NEW, "role": "trainer", "password": "short"}, "อย่างน้อย 8 ตัวอักษร"),
        ({**NEW, "role": "trainer", "username": "มีชื่อไทย"}, "ชื่อผู้ใช้"),
        ({**NEW, "role": "root", "agency_id": ""}, "บทบาท: เลือกจากรายการ"),
        ({**NEW, "role": "trainer", "username": "somsri"}, "ชื่อผู้ใช้นี้มีอยู่แล้ว"),
    ]
    for form, reason in cases:
        refused = await _create(admin, **form)
        assert refused.status_code == 422 and reason in visible(refused.text), (form, visible(refused.text))
        assert 'value="ฝ่ายบุคคล กรมการปกครอง"' in refused.text  # what was typed stays (not the password)
        assert 'name="password" type="password" required' in refused.text and "first password" not in refused.text
    assert await StaffUser.all().count() == 1


async def test_processes_starting_side_by_side_each_find_the_demo_accounts(db: None) -> None:
    """Web processes and workers start at once and each makes sure the demo accounts exist: none of them fails
    on an account another one created a moment earlier, and each account exists once and signs in."""
    names = [f"trainer.demo{n}" for n in range(4)]
    await asyncio.gather(*(ensure_staff_account(username=name, role="trainer", display_name="วิทยากรตัวอย่าง",
                                                password="demo password 1") for name in names for _ in range(6)))
    for name in names:
        accounts = await StaffUser.filter(username=name)
        assert len(accounts) == 1 and verify_password(accounts[0].password_hash, "demo password 1")

    attempts = await asyncio.gather(*(create_staff_user(username="hr.two", role="trainer", password="x" * 12)
                                      for _ in range(4)), return_exceptions=True)
    assert sum(not isinstance(found, Exception) for found in attempts) == 1
    assert all(isinstance(found, AlreadyExists) for found in attempts if isinstance(found, Exception))
