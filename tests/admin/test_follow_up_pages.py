"""The follow-up pages for ONDE's admin: the scorecard table with its filters and sorting, a course's page,
the thresholds form (saved and audited; bad values refused with a reason), and the workbook."""

from __future__ import annotations

import datetime as dt
import io

import httpx
from openpyxl import load_workbook

from backend.models import AuditLog
from backend.services.auth import create_staff_user
from tests.admin.test_admin_web import csrf_of, login
from tests.backend.factories import make_course, make_session
from tests.clock import TODAY


async def test_the_admin_reads_and_tunes_the_follow_up(client: httpx.AsyncClient, db: None) -> None:
    await create_staff_user(username="somsri", role="admin", password="correct horse battery")
    await make_course(code="FP-001", title_th="การวิเคราะห์ข้อมูลภาครัฐ", certification_no="สดช. 7/2568",
                      certified_on=TODAY - dt.timedelta(days=300), certification_expires=TODAY + dt.timedelta(days=60))
    await make_session("FP-001", start_date=TODAY - dt.timedelta(days=30), end_date=TODAY - dt.timedelta(days=30))
    await make_course(code="FP-002", certification_no="สดช. 8/2568", certified_on=TODAY - dt.timedelta(days=500),
                      certification_expires=TODAY + dt.timedelta(days=230))
    assert (await login(client, "somsri", "correct horse battery")).status_code == 303

    page = await client.get("/admin/follow-up")
    assert page.status_code == 200
    assert 'data-code="FP-001"' in page.text and 'data-code="FP-002"' in page.text
    assert 'data-flag="certification_expiring"' in page.text and "การรับรองใกล้หมดอายุ" in page.text
    expiring = await client.get("/admin/follow-up?flag=certification_expiring")
    assert 'data-code="FP-001"' in expiring.text and 'data-code="FP-002"' not in expiring.text
    sorted_page = await client.get("/admin/follow-up?sort=sessions_held&desc=1")
    assert sorted_page.text.index('data-code="FP-001"') < sorted_page.text.index('data-code="FP-002"')

    course = await client.get("/admin/follow-up/fp-001")
    assert course.status_code == 200 and "สดช. 7/2568" in course.text and "ไตรมาส 1/2570" in course.text
    assert (await client.get("/admin/follow-up/NOPE-1")).status_code == 404

    csrf = csrf_of(page.text)
    refused = await client.post("/admin/follow-up/thresholds", data={
        "csrf_token": csrf, "l1_mean_below": "7", "response_rate_below": "50", "idle_months": "12",
        "expiry_within_days": "90"})
    assert refused.status_code == 422 and "เกณฑ์ไม่ถูกต้อง" in refused.text
    saved = await client.post("/admin/follow-up/thresholds", data={
        "csrf_token": csrf, "l1_mean_below": "3.8", "response_rate_below": "60", "idle_months": "12",
        "expiry_within_days": "30"})
    assert saved.status_code == 303
    after = await client.get(saved.headers["location"])
    assert "บันทึกเกณฑ์การแจ้งเตือนแล้ว" in after.text and 'data-flag="certification_expiring"' not in after.text
    assert (await AuditLog.get(action="follow_up.thresholds")).actor == "staff:somsri"

    workbook = await client.get("/admin/follow-up/export.xlsx")
    assert workbook.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(workbook.content))
    settings = dict(book["เกณฑ์และช่วงเวลา"].values)
    assert settings["การรับรองจะหมดอายุภายใน (วัน)"] == 30 and settings["จัดทำเมื่อ"] == "28 พ.ย. 2569"
