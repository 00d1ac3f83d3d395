"""The admin web: sign-in, CSRF, lockout, roles, security headers, pages, exports and the audit log."""

from __future__ import annotations

import datetime as dt
import json
import re

import httpx
import pytest

from backend.models import AuditLog, Broadcast, Course, Registration, RegistrationStatus
from backend.services.auth import create_staff_user
from tests.clock import CLOCK, TODAY

ADMIN_PASSWORD = "correct horse battery"
TRAINER_PASSWORD = "trainer staple 42"
IN_A_MONTH = TODAY + dt.timedelta(days=30)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match.group(1)


async def login(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    page = await client.get("/admin/login")
    return await client.post("/admin/login", data={"username": username, "password": password,
                                                   "csrf_token": csrf_of(page.text), "next": "/admin"})


@pytest.fixture
async def staff(db: None) -> dict[str, int]:
    admin = await create_staff_user(username="somsri", role="admin", password=ADMIN_PASSWORD,
                                    display_name="สมศรี ผู้ดูแล")
    trainer = await create_staff_user(username="wichai", role="trainer", password=TRAINER_PASSWORD)
    return {"admin": admin.id, "trainer": trainer.id}


@pytest.fixture
async def admin_client(client: httpx.AsyncClient, staff: dict[str, int]) -> httpx.AsyncClient:
    response = await login(client, "somsri", ADMIN_PASSWORD)
    assert response.status_code == 303
    return client


async def test_pages_need_sign_in_and_login_sets_a_safe_cookie(client, staff):
    response = await client.get("/admin/courses")
    assert response.status_code == 303 and response.headers["location"].startswith("/admin/login?next=")
    response = await login(client, "somsri", ADMIN_PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie  # PUBLIC_BASE_URL is http in tests
    page = await client.get("/admin")
    assert page.status_code == 200 and "สมศรี ผู้ดูแล" in page.text


async def test_security_headers_on_admin_pages(admin_client):
    response = await admin_client.get("/admin")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"]
    assert "<script>" not in response.text and "style=" not in response.text  # nothing inline


async def test_login_without_csrf_token_is_refused(client, staff):
    response = await client.post("/admin/login", data={"username": "somsri", "password": ADMIN_PASSWORD})
    assert response.status_code == 403
    assert "onde_admin=" not in response.headers.get("set-cookie", "")


async def test_form_posts_need_the_session_csrf_token(admin_client):
    course_page = await admin_client.get("/admin/broadcasts")
    good = csrf_of(course_page.text)
    data = {"kind": "text", "text": "ทดสอบ", "urgent": "1"}
    refused = await admin_client.post("/admin/broadcasts", data={**data, "csrf_token": "forged"})
    assert refused.status_code == 403
    assert await Broadcast.all().count() == 0
    accepted = await admin_client.post("/admin/broadcasts", data={**data, "csrf_token": good})
    assert accepted.status_code == 303
    assert await Broadcast.all().count() == 1


async def test_wrong_passwords_hold_back_that_address_not_the_account(app, client, staff):
    for _ in range(5):
        assert (await login(client, "somsri", "wrong")).status_code == 401
    held = await login(client, "somsri", "wrong")
    assert held.status_code == 429 and "กรุณารอ" in held.text and int(held.headers["Retry-After"]) >= 60
    assert (await login(client, "somsri", ADMIN_PASSWORD)).status_code == 429  # even the right password
    # The same account from another address (the real admin at their desk) is not held back.
    elsewhere = httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("10.1.2.3", 5000)),
                                  base_url="http://testserver")
    async with elsewhere:
        assert (await login(elsewhere, "somsri", ADMIN_PASSWORD)).status_code == 303
    assert await AuditLog.filter(action="staff.login_throttled").exists()


async def test_the_wait_doubles_with_each_further_failure(redis, test_settings):
    from backend.services.login_throttle import PAIR, LoginThrottle, backoff

    assert [backoff(PAIR, n) for n in range(4, 9)] == [0, 60, 120, 240, 480]
    assert backoff(PAIR, 40) == 3600
    throttle = LoginThrottle(redis, test_settings.redis_prefix)
    waits = [await throttle.record_failure("somsri", "192.0.2.7") for _ in range(7)]
    assert waits == [0, 0, 0, 0, 60, 120, 240]


async def test_password_spraying_from_one_address_is_throttled(client, staff):
    statuses = [(await login(client, f"user{n}", "Passw0rd!")).status_code for n in range(22)]
    assert statuses[:20] == [401] * 20 and set(statuses[20:]) == {429}


async def test_an_admin_unlocks_a_held_account(client, admin_client, staff):
    for _ in range(6):
        await login(client, "somsri", "wrong")
    assert (await login(client, "somsri", ADMIN_PASSWORD)).status_code == 429
    page = await admin_client.get("/admin/staff")
    assert page.status_code == 200 and "พักการเข้าสู่ระบบ" in page.text
    csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    done = await admin_client.post("/admin/staff/somsri/unlock", data={"csrf_token": csrf})
    assert done.status_code == 303
    assert (await login(client, "somsri", ADMIN_PASSWORD)).status_code == 303
    assert await AuditLog.filter(action="staff.unlock", target_id="somsri").exists()


async def test_sessions_end_after_twelve_hours_however_busy(app, admin_client):
    assert (await admin_client.get("/admin/members")).status_code == 200
    for _ in range(4):  # used every few hours, so never idle long enough to expire
        app.state.runtime.clock.advance(dt.timedelta(hours=3, minutes=1))
        response = await admin_client.get("/admin/members")
    assert response.status_code == 303 and response.headers["location"].startswith("/admin/login")


async def test_unknown_user_gets_the_same_answer(client, staff):
    response = await login(client, "nobody", "whatever")
    assert response.status_code == 401 and "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.text
    known = await login(client, "somsri", "wrong")
    assert known.status_code == response.status_code  # the same answer whether the account exists or not


async def test_logout_ends_the_session(admin_client):
    page = await admin_client.get("/admin")
    response = await admin_client.post("/admin/logout", data={"csrf_token": csrf_of(page.text)})
    assert response.status_code == 303
    assert (await admin_client.get("/admin")).status_code == 303


async def test_trainer_cannot_use_admin_pages_but_sees_own_sessions(client, staff, population):
    await population.session.__class__.filter(id=population.session.id).update(trainer_id=staff["trainer"])
    assert (await login(client, "wichai", TRAINER_PASSWORD)).status_code == 303
    for path in ("/admin/broadcasts", "/admin/courses/T-001", "/admin/courses/import", "/admin/handover",
                 "/admin/dashboard/export/coverage.csv"):
        assert (await client.get(path)).status_code == 403, path
    assert (await client.get("/admin")).headers["location"] == "/admin/courses"
    mine = await client.get("/admin/courses")
    assert "รุ่นที่ 1" in mine.text
    registrations = await client.get(f"/admin/sessions/{population.session.id}")
    assert registrations.status_code == 200 and "รอคิว" not in registrations.text


async def test_trainer_cannot_see_someone_elses_session(client, staff, population):
    assert (await login(client, "wichai", TRAINER_PASSWORD)).status_code == 303
    assert (await client.get(f"/admin/sessions/{population.session.id}")).status_code == 403


async def test_dashboard_carries_its_charts_data_and_exports_csv(admin_client, population):
    await Registration.filter(status=RegistrationStatus.completed).update(completed_at=CLOCK.utcnow())
    page = await admin_client.get("/admin")
    assert page.status_code == 200
    assert page.text.count('class="echart"') >= 7 and '/admin/static/echarts.min.js' in page.text
    options = re.findall(r'<script type="application/json" id="chart-trained_by_target_group-option">(.*?)</script>',
                         page.text)
    assert json.loads(options[0])["series"][0]["data"] == [1]  # the chart's data, read by static/charts.js
    assert "<script>" not in page.text  # no inline script (the Content-Security-Policy allows none)
    assert "ผู้บริหารระดับสูง" in page.text  # the executive who completed the course
    csv_export = await admin_client.get("/admin/dashboard/export/trained_by_target_group.csv")
    assert csv_export.status_code == 200 and csv_export.headers["content-type"].startswith("text/csv")
    assert "ผู้บริหารระดับสูง,1" in csv_export.content.decode("utf-8-sig")
    filtered = await admin_client.get(f"/admin?agency_id={population.chiang_mai.id}")
    assert filtered.status_code == 200


async def test_course_edit_and_retire_are_audited(admin_client, population):
    page = await admin_client.get("/admin/courses?q=T-001")
    assert "ปัญญาประดิษฐ์สำหรับผู้บริหาร" in page.text
    edit = await admin_client.get("/admin/courses/T-001")
    csrf = csrf_of(edit.text)
    retired = await admin_client.post("/admin/courses/T-001/retire", data={"csrf_token": csrf})
    assert retired.status_code == 303
    assert (await Course.get(code="T-001")).status == "retired"
    assert await AuditLog.filter(action="course.retire").exists()


async def test_registrations_page_and_exports(admin_client, population):
    page = await admin_client.get(f"/admin/sessions/{population.session.id}")
    assert page.status_code == 200 and "ผ่านการอบรม" in page.text and "รายชื่อสำรอง" in page.text
    csv_export = await admin_client.get(f"/admin/sessions/{population.session.id}/export.csv")
    assert csv_export.status_code == 200 and "ชื่อ" in csv_export.content.decode("utf-8-sig")
    xlsx = await admin_client.get(f"/admin/sessions/{population.session.id}/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


async def test_live_audience_count_and_preview(admin_client, population):
    page = await admin_client.get("/admin/broadcasts")
    csrf = csrf_of(page.text)
    count = await admin_client.post("/admin/broadcasts/audience-count",
                                    data={"target_groups": "executive"}, headers={"X-CSRF-Token": csrf})
    assert 'data-audience-count="3"' in count.text  # a, b, d (inactive and deleted excluded)
    preview = await admin_client.post("/admin/broadcasts/preview", headers={"X-CSRF-Token": csrf}, data={
        "kind": "image", "image_url": "https://example.org/p.png", "link_url": "https://example.org/x"})
    assert 'src="https://example.org/p.png"' in preview.text and "https://example.org/x" in preview.text


async def test_broadcast_created_from_the_page_shows_progress(admin_client, population):
    page = await admin_client.get("/admin/broadcasts")
    response = await admin_client.post("/admin/broadcasts", data={
        "csrf_token": csrf_of(page.text), "kind": "text", "text": "อบรมฟรีเดือนหน้าค่ะ", "target_groups": "service",
        "send_at": f"{IN_A_MONTH.day}/{IN_A_MONTH.month}/{IN_A_MONTH.year + 543} 10:00"})
    assert response.status_code == 303
    broadcast = await Broadcast.get()
    assert broadcast.audience["target_groups"] == ["service"]
    assert broadcast.send_after.astimezone(dt.UTC) == dt.datetime.combine(IN_A_MONTH, dt.time(3, 0), dt.UTC)
    detail = await admin_client.get(response.headers["location"])
    assert "รอส่ง" in detail.text and "<progress" in detail.text
    assert await AuditLog.filter(action="broadcast.create").exists()


async def test_import_reports_bad_rows_and_imports_good_ones(admin_client, db):
    page = await admin_client.get("/admin/courses/import")
    content = (
        "code,title_th,provider,topics,target_groups,hours,modality\n"
        "ONDE-IM-001,ความปลอดภัยไซเบอร์เบื้องต้น,สถาบันทดสอบดิจิทัล,cybersecurity,service,6,online\n"
        "ONDE-IM-002,หลักสูตรที่ไม่มีชั่วโมง,สถาบันทดสอบดิจิทัล,data,service,,online\n"
    ).encode()
    response = await admin_client.post("/admin/courses/import", data={"csrf_token": csrf_of(page.text)},
                                       files={"file": ("courses.csv", content, "text/csv")})
    assert response.status_code == 200
    assert 'data-imported="1"' in response.text and 'data-errors="1"' in response.text
    assert '<td class="num">3</td><td>ONDE-IM-002</td>' in response.text
    assert await Course.filter(code="ONDE-IM-001").exists()
    assert not await Course.filter(code="ONDE-IM-002").exists()
    assert await AuditLog.filter(action="course.import").exists()
    wrong = await admin_client.post("/admin/courses/import", data={"csrf_token": csrf_of(page.text)},
                                    files={"file": ("courses.pdf", b"%PDF", "application/pdf")})
    assert wrong.status_code == 422 and "อ่านไฟล์ไม่ได้: ไม่รองรับไฟล์ชนิด .pdf" in wrong.text


async def test_cancel_a_scheduled_broadcast_from_its_page(admin_client, population):
    page = await admin_client.get("/admin/broadcasts")
    created = await admin_client.post("/admin/broadcasts", data={
        "csrf_token": csrf_of(page.text), "kind": "text", "text": "ประกาศล่วงหน้าค่ะ", "send_at": f"{IN_A_MONTH.isoformat()}T10:00",
        "provinces": "กรุงเทพมหานคร"})
    detail = await admin_client.get(created.headers["location"])
    assert "จังหวัด: กรุงเทพมหานคร" in detail.text
    cancelled = await admin_client.post(f"{created.headers['location']}/cancel", data={"csrf_token": csrf_of(detail.text)})
    assert cancelled.status_code == 303
    after = await admin_client.get(created.headers["location"])
    assert "ยกเลิกแล้ว" in after.text and 'id="cancel-broadcast"' not in after.text
    assert await AuditLog.filter(action="broadcast.cancel").exists()


async def test_handed_over_chat_can_be_read_answered_and_released(admin_client, population, line_world):
    from backend.services import handover

    user = population.user("c")
    opened = await handover.open_handover(line_user_id=user, reason="contact_staff")
    await handover.record_message(line_user_id=user, direction="in", text="ขอคุยกับเจ้าหน้าที่ค่ะ",
                                 at=CLOCK.utcnow())
    listing = await admin_client.get("/admin/handover")
    assert f"/admin/handover/{opened.id}" in listing.text
    chat = await admin_client.get(f"/admin/handover/{opened.id}")
    assert "ขอคุยกับเจ้าหน้าที่ค่ะ" in chat.text
    answer = await admin_client.post(f"/admin/handover/{opened.id}/reply",
                                     data={"csrf_token": csrf_of(chat.text), "text": "สวัสดีค่ะ เจ้าหน้าที่ยินดีช่วยค่ะ"})
    assert answer.status_code == 303
    assert {"type": "text", "text": "สวัสดีค่ะ เจ้าหน้าที่ยินดีช่วยค่ะ"} in line_world.emulator.bot_messages(user)
    released = await admin_client.post(f"/admin/handover/{opened.id}/release", data={"csrf_token": csrf_of(chat.text)})
    assert released.status_code == 303
    assert not await handover.is_handed_over(user)
    assert await AuditLog.filter(action__in=["handover.reply", "handover.release"]).count() == 2
