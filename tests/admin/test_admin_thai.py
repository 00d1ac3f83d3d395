"""The admin in Thai: codes shown by their Thai names, Buddhist-era dates in tables, inputs and people's
exports (ISO 8601 in CSV, said in its header), confirmations that ask "…หรือไม่", the staff sign-in page."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import httpx
import pytest
from openpyxl import load_workbook

from backend.models import Course, Member, Registration, Session
from backend.services.auth import create_staff_user
from tests.admin.conftest import Population
from tests.admin.test_admin_web import ADMIN_PASSWORD, csrf_of, login

CODES = re.compile(r"\b(online|onsite|hybrid|executive|director|technologist|registered|waitlisted|cancelled|"
                   r"attended|completed|active|draft|retired|scheduled|sending)\b")
DECEMBER = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)  # 5 ธ.ค. 2569, 10:00 Bangkok time


def visible(page: str) -> str:
    """The text a person sees on the page (tags, scripts and attribute values left out)."""
    body = page.split("<main>", 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def confirmations(page: str) -> list[str]:
    return [html.unescape(c) for c in re.findall(r'data-confirm="([^"]*)"', page)]


@pytest.fixture
async def admin_client(client: httpx.AsyncClient, db: None) -> httpx.AsyncClient:
    await create_staff_user(username="somsri", role="admin", password=ADMIN_PASSWORD, display_name="สมศรี ผู้ดูแล")
    assert (await login(client, "somsri", ADMIN_PASSWORD)).status_code == 303
    return client


async def test_staff_sign_in_page(client: httpx.AsyncClient, db: None) -> None:
    page = await client.get("/admin/login")
    assert "<h1>เข้าสู่ระบบสำหรับเจ้าหน้าที่และวิทยากร</h1>" in page.text
    assert "<title>เข้าสู่ระบบสำหรับเจ้าหน้าที่และวิทยากร" in page.text


async def test_codes_are_shown_by_their_thai_names(admin_client: httpx.AsyncClient, population: Population) -> None:
    courses = await admin_client.get("/admin/courses")
    assert "ออนไลน์" in visible(courses.text) and "เปิดใช้" in visible(courses.text)
    edit = await admin_client.get("/admin/courses/T-001")
    assert "ในห้องเรียน (Onsite)" in edit.text and "ผสมผสาน (Hybrid)" in edit.text
    registrations = await admin_client.get(f"/admin/sessions/{population.session.id}")
    members = await admin_client.get("/admin/members")
    staff = await admin_client.get("/admin/staff")
    for page in (courses, edit, registrations, members, staff):
        assert page.status_code == 200
        assert not CODES.search(visible(page.text)), CODES.findall(visible(page.text))
    assert "ผ่านการอบรม" in visible(registrations.text) and "เข้าอบรมแล้ว" in visible(registrations.text)
    assert "ผู้บริหารระดับสูง" in visible(members.text) and "ผู้ปฏิบัติงานด้านเทคโนโลยี(ดิจิทัล)" in visible(members.text)
    assert "ผู้ดูแลระบบ" in visible(staff.text)


async def test_member_page_reads_the_consent_version_as_a_month(admin_client: httpx.AsyncClient,
                                                               population: Population) -> None:
    member = population.members["a"]
    await Member.filter(id=member.id).update(consent_version="2026-11", consent_at=DECEMBER)
    page = await admin_client.get(f"/admin/members/{member.id}")
    text = visible(page.text)
    assert "(ฉบับ พ.ย. 2569)" in text and "2026-11" not in text
    assert "ผู้บริหารระดับสูง" in text and "executive" not in text


async def test_confirmations_ask_whether(admin_client: httpx.AsyncClient, population: Population) -> None:
    edit = await admin_client.get("/admin/courses/T-001")
    delete = await admin_client.get(f"/admin/members/{population.members['a'].id}/delete")
    found = confirmations(edit.text) + confirmations(delete.text)
    assert len(found) == 2
    for question in found:
        assert re.search(r"หรือไม่( |$)", question) and "?" not in question, question


async def test_dates_are_typed_and_shown_in_the_buddhist_era(admin_client: httpx.AsyncClient,
                                                             population: Population) -> None:
    edit = await admin_client.get("/admin/courses/T-001")
    assert 'type="date"' not in edit.text and 'placeholder="วว/ดด/ปปปป เช่น 1/12/2569"' in edit.text
    assert 'name="start_date" placeholder="วว/ดด/ปปปป เช่น 1/12/2569" value="1/12/2569"' in edit.text
    form = {"csrf_token": csrf_of(edit.text), "title_th": "ปัญญาประดิษฐ์สำหรับผู้บริหาร", "hours": "6",
            "modality": "online", "status": "active", "topics": "ai", "target_groups": "executive"}
    saved = await admin_client.post("/admin/courses/T-001", data={**form, "certified_on": "15/1/๒๕๖๙",
                                                                  "certification_expires": "14/1/2571"})
    assert saved.status_code == 303
    course = await Course.get(code="T-001")
    assert (course.certified_on, course.certification_expires) == (dt.date(2026, 1, 15), dt.date(2028, 1, 14))
    again = await admin_client.get("/admin/courses/T-001")
    assert 'value="15/1/2569"' in again.text and 'value="14/1/2571"' in again.text

    for typed, reason in (("15/1/2026", "วันที่รับรอง: ปี 2026 ไม่ใช่ปีพุทธศักราช กรุณาใส่ปี พ.ศ. เช่น 2569"),
                          ("31/2/2569", 'วันที่รับรอง: ไม่มีวันที่ "31/2/2569" ในปฏิทิน'),
                          ("มกรา 69", 'วันที่รับรอง: อ่านวันที่ "มกรา 69" ไม่ได้ กรุณาใส่เป็น วว/ดด/ปปปป (พ.ศ.)')):
        refused = await admin_client.post("/admin/courses/T-001", data={**form, "certified_on": typed})
        assert refused.status_code == 422 and reason in html.unescape(refused.text), typed
    assert (await Course.get(code="T-001")).certified_on == dt.date(2026, 1, 15)

    moved = await admin_client.post(f"/admin/courses/T-001/sessions/{population.session.id}", data={
        "csrf_token": csrf_of(edit.text), "start_date": "3/12/2569", "end_date": "2/12/2569", "capacity": "30",
        "status": "open"})
    assert moved.status_code == 422
    assert "ช่อง วันสิ้นสุดการอบรม: ต้องไม่ก่อนวันเริ่มอบรม" in html.unescape(moved.text)
    seats = await admin_client.post(f"/admin/courses/T-001/sessions/{population.session.id}", data={
        "csrf_token": csrf_of(edit.text), "capacity": "สามสิบ"})
    assert seats.status_code == 422 and "จำนวนที่นั่ง: ต้องเป็นตัวเลข" in html.unescape(seats.text)
    assert (await Session.get(id=population.session.id)).start_date == dt.date(2026, 12, 1)


async def test_registration_exports_for_people_and_for_programs(admin_client: httpx.AsyncClient,
                                                                population: Population) -> None:
    await Registration.filter(session_id=population.session.id).update(registered_at=DECEMBER)
    xlsx = await admin_client.get(f"/admin/sessions/{population.session.id}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["ลำดับ", "ชื่อ", "หน่วยงาน", "ตำแหน่ง", "กลุ่มเป้าหมาย", "สถานะ", "ลำดับในรายชื่อสำรอง",
                       "วันที่สมัคร"]
    first = next(r for r in rows if r[1] == "a")
    assert first[4:] == ["ผู้บริหารระดับสูง", "ผ่านการอบรม", None, "5 ธ.ค. 2569"]

    text = (await admin_client.get(f"/admin/sessions/{population.session.id}/export.csv")).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][-1] == "วันที่สมัคร (ISO 8601)"
    first = next(r for r in table if r[1] == "a")
    assert first[4:] == ["ผู้บริหารระดับสูง", "ผ่านการอบรม", "", "2026-12-05"]


async def test_dashboard_months_and_period(admin_client: httpx.AsyncClient, population: Population) -> None:
    await Registration.all().update(created_at=DECEMBER)
    page = await admin_client.get("/admin", params={"date_from": "1/12/2569", "date_to": "31/12/2569"})
    section = page.text.split('id="registrations_over_time"', 1)[1].split("</section>", 1)[0]
    months = section.split("<table>", 1)[1]  # the table (the chart draws its own axis)
    assert ">ธ.ค. 2569</td>" in months and "2026-12" not in visible(months)
    assert 'value="1/12/2569"' in page.text and 'value="31/12/2569"' in page.text
    assert "ทุกกลุ่มเป้าหมาย" in page.text
    exported = await admin_client.get("/admin/dashboard/export/registrations_over_time.csv",
                                      params={"date_from": "2026-12-01"})
    table = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert table[0] == ["เดือน (ISO 8601)", "สมัคร", "ผ่านการอบรม"] and table[1][0] == "2026-12"
    wrong = await admin_client.get("/admin", params={"date_from": "1/12/2026"})
    assert "ตั้งแต่วันที่: ปี 2026 ไม่ใช่ปีพุทธศักราช" in html.unescape(wrong.text)


async def test_broadcast_time_is_typed_in_the_buddhist_era(admin_client: httpx.AsyncClient,
                                                           population: Population) -> None:
    page = await admin_client.get("/admin/broadcasts")
    assert 'type="datetime-local"' not in page.text
    refused = await admin_client.post("/admin/broadcasts", data={
        "csrf_token": csrf_of(page.text), "kind": "text", "text": "ประกาศ", "send_at": "30/2/2570 10:00"})
    assert refused.status_code == 422
    assert 'เวลาส่ง: ไม่มีวันที่ "30/2/2570 10:00" ในปฏิทิน' in html.unescape(refused.text)
    assert 'value="30/2/2570 10:00"' in refused.text  # what was typed stays in the form


async def test_import_errors_name_the_row_and_the_column_in_thai(admin_client: httpx.AsyncClient, db: None) -> None:
    page = await admin_client.get("/admin/courses/import")
    content = ("รหัสหลักสูตร,ชื่อหลักสูตร,ผู้จัดอบรม,หัวข้อ,กลุ่มเป้าหมาย,จำนวนชั่วโมง,รูปแบบ,วันเริ่มอบรม,วันสิ้นสุดการอบรม,"
               "จำนวนที่นั่ง\n"
               "X-1,หลักสูตรทดสอบ,สถาบันทดสอบ,ai,other,สามชั่วโมง,ทางไกล,1/12/2569,30/11/2569,20\n").encode()
    report = await admin_client.post("/admin/courses/import", data={"csrf_token": csrf_of(page.text)},
                                     files={"file": ("courses.csv", content, "text/csv")})
    row = html.unescape(report.text.split('id="import-report"', 1)[1])
    assert '<td class="num">2</td><td>X-1</td>' in row
    assert 'คอลัมน์ จำนวนชั่วโมง: "สามชั่วโมง" ไม่ใช่ตัวเลข' in row
    assert 'คอลัมน์ รูปแบบการอบรม: "ทางไกล" ไม่ใช่ค่าที่ใช้ได้ (ออนไลน์, ในห้องเรียน (Onsite), ผสมผสาน (Hybrid))' in row
    assert "คอลัมน์ วันสิ้นสุดการอบรม: ต้องไม่ก่อนวันเริ่มอบรม" in row
    reasons = row.split("</table>", 1)[0]
    assert not re.search(r"\b[a-z]{4,}\b", visible(reasons)), visible(reasons)  # no English reason
