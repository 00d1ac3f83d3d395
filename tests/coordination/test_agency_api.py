"""The agency API: a coordinator follows their own agency's staff in the fiscal year (hours per skill area
against the framework, courses, surveys not answered), completion per target group, the annual XLSX report
(Buddhist era, official names, certificate numbers), a member's skill gaps; erasure takes nominations too."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from backend.models import (
    Agency,
    AuditLog,
    Certificate,
    Nomination,
    Registration,
    RegistrationStatus,
    Session,
)
from backend.services import coordination, members, surveys
from tests.backend.factories import make_course, make_member, make_session, make_staff
from tests.clock import CLOCK, TODAY
from tests.coordination.helpers import FISCAL_YEAR_START, complete_course, make_agency
from tests.doubles import RecordedAnnouncements, RememberedForgets


@dataclass
class AgencyWorld:
    coordinator: str
    admin: str
    agency_id: int
    done_id: int
    """Service staff with every hour the framework asks for this fiscal year (and a certificate)."""
    started_id: int
    """Service staff with last year's hours only, and a survey waiting."""
    other_agency_member: str


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def agency(db: None) -> AgencyWorld:
    mine, theirs = await make_agency("กรมพัฒนาทักษะทดสอบ"), await make_agency("กรมอื่นทดสอบ")
    _, coordinator = await make_staff("coordinator", agency_id=mine.id)
    _, admin = await make_staff("admin")
    done = await make_member(agency_id=mine.id, target_group="service", position="นักวิชาการคอมพิวเตอร์")
    await members.set_official_name(member_id=done.id, title="นางสาว", first_name="สมใจ", last_name="ใฝ่รู้",
                                    actor="test", clock=CLOCK)
    first = await complete_course(done.id, ended=FISCAL_YEAR_START + dt.timedelta(days=14),
                                  skill_areas=["digital_literacy", "digital_governance"], title_th="ธรรมาภิบาลข้อมูล")
    await complete_course(done.id, ended=FISCAL_YEAR_START + dt.timedelta(days=20), hours=12,
                          skill_areas=["digital_service"])
    await complete_course(done.id, ended=FISCAL_YEAR_START + dt.timedelta(days=30), skill_areas=["cyber_security"])
    reg = await Registration.get(id=first.id).prefetch_related("session")
    await Certificate.create(number="ONDE-2570-000123", check_code="abc", registration_id=first.id,
                             member_id=done.id, course_id=reg.session.course_id, session_id=reg.session_id,
                             name_on_certificate="นางสาวสมใจ ใฝ่รู้", hours=6, issued_at=CLOCK.utcnow())
    started = await make_member(agency_id=mine.id, target_group="service")
    await complete_course(started.id, ended=FISCAL_YEAR_START - dt.timedelta(days=5), skill_areas=["cyber_security"])
    course = await make_course()
    past = await make_session(course.code, start_date=TODAY - dt.timedelta(days=3),
                              end_date=TODAY - dt.timedelta(days=2))
    await Registration.create(member_id=started.id, session_id=past.id, status=RegistrationStatus.attended,
                              active_key=f"{started.id}:{past.id}")
    await surveys.ensure_shipped_templates()
    await surveys.dispatch_survey(session=await Session.get(id=past.id),
                                  template_code=(await surveys.list_templates())[0].code,
                                  deadline=CLOCK.utcnow() + dt.timedelta(days=7), now=CLOCK.utcnow())
    outsider = await make_member(agency_id=theirs.id, target_group="service")
    return AgencyWorld(coordinator=coordinator, admin=admin, agency_id=mine.id, done_id=done.id, started_id=started.id,
                  other_agency_member=outsider.display_name)


def test_the_fiscal_year_runs_october_to_september_in_the_buddhist_era() -> None:
    assert coordination.fiscal_year_of(dt.date(2026, 9, 30)).label_th == "ปีงบประมาณ 2569"
    year = coordination.fiscal_year_of(TODAY)
    assert (year.start, year.end, year.label_th) == (dt.date(2026, 10, 1), dt.date(2027, 9, 30), "ปีงบประมาณ 2570")


async def test_staff_progress_this_fiscal_year(client: httpx.AsyncClient, agency: AgencyWorld) -> None:
    answer = await client.get("/api/v1/agency/staff", headers=auth(agency.coordinator))
    assert answer.status_code == 200
    body = answer.json()
    assert body["fiscal_year"]["year_be"] == 2570 and body["agency"]["name"] == "กรมพัฒนาทักษะทดสอบ"
    people = {p["member_id"]: p for p in body["staff"]}
    assert set(people) == {agency.done_id, agency.started_id}
    assert agency.other_agency_member not in answer.text
    done, started = people[agency.done_id], people[agency.started_id]
    assert done["name"] == "นางสาวสมใจ ใฝ่รู้" and done["position"] == "นักวิชาการคอมพิวเตอร์"
    assert done["target_group_th"] == "ผู้ทำงานด้านบริการ" and done["completed"] == 3
    assert done["hours_by_skill_area"] == {"digital_literacy": 6.0, "digital_governance": 6.0, "digital_service": 12.0,
                                           "cyber_security": 6.0}
    assert done["meets_framework"] is True and done["total_hours"] == 30.0
    assert started["hours_by_skill_area"] == {} and started["meets_framework"] is False  # last year's hours
    assert started["outstanding_surveys"] == 1 and done["outstanding_surveys"] == 0
    last_year = await client.get("/api/v1/agency/staff", params={"fiscal_year": 2569}, headers=auth(agency.coordinator))
    assert {p["member_id"]: p["hours_by_skill_area"] for p in last_year.json()["staff"]}[agency.started_id] == {
        "cyber_security": 6.0}


async def test_completion_per_target_group(client: httpx.AsyncClient, agency: AgencyWorld) -> None:
    answer = await client.get("/api/v1/agency/completion", headers=auth(agency.coordinator))
    [service] = answer.json()["target_groups"]
    assert (service["target_group"], service["staff"], service["met_all"], service["met_all_pct"]) == (
        "service", 2, 1, 50.0)
    assert service["required_hours"] == {"digital_literacy": 6.0, "digital_governance": 6.0, "digital_service": 12.0,
                                         "cyber_security": 6.0}
    assert service["met_by_area"]["digital_service"] == 1 and service["met_by_area"]["cyber_security"] == 1


async def test_an_admin_names_the_agency(client: httpx.AsyncClient, agency: AgencyWorld) -> None:
    assert (await client.get("/api/v1/agency/staff", headers=auth(agency.admin))).status_code == 422
    named = await client.get("/api/v1/agency/staff", params={"agency_id": agency.agency_id}, headers=auth(agency.admin))
    assert named.status_code == 200 and len(named.json()["staff"]) == 2


async def test_annual_report_workbook(client: httpx.AsyncClient, agency: AgencyWorld) -> None:
    answer = await client.get("/api/v1/agency/report.xlsx", headers=auth(agency.coordinator))
    assert answer.status_code == 200
    assert "fy2570" in answer.headers["content-disposition"]
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["สรุป", "รายบุคคล", "ชั่วโมงตามด้านทักษะ"]
    summary = {row[0]: row[1] for row in book["สรุป"].iter_rows(values_only=True) if row and row[0]}
    assert summary["หน่วยงาน"] == "กรมพัฒนาทักษะทดสอบ"
    assert "ปีงบประมาณ 2570" in summary["รายงาน"]
    assert summary["ช่วงเวลา"] == "1 ตุลาคม 2569 ถึง 30 กันยายน 2570"
    assert summary["จำนวนบุคลากรในระบบ (คน)"] == 2 and summary["ผ่านการอบรม (ครั้ง)"] == 3
    rows = list(book["รายบุคคล"].iter_rows(values_only=True))
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[1:4] == ("คำนำหน้า", "ชื่อ", "นามสกุล")
    assert (first["คำนำหน้า"], first["ชื่อ"], first["นามสกุล"]) == ("นางสาว", "สมใจ", "ใฝ่รู้")
    assert first["ชื่อหลักสูตร"] == "ธรรมาภิบาลข้อมูล" and first["วันสิ้นสุดการอบรม"] == "15 ต.ค. 2569"
    assert first["จำนวนชั่วโมง"] == 6 and first["เลขที่วุฒิบัตร"] == "ONDE-2570-000123"
    assert first["ด้านทักษะ"] == "การรู้ดิจิทัล, ธรรมาภิบาลดิจิทัล"
    assert len(rows) == 4  # three courses completed this fiscal year; last year's is not in it
    assert await AuditLog.filter(action="agency.report_export", target_id=str(agency.agency_id)).exists()


async def test_skill_gaps_of_a_member(client: httpx.AsyncClient, agency: AgencyWorld) -> None:
    course = await make_course(title_th="บริการดิจิทัลสำหรับงานหน้าเคาน์เตอร์", skill_areas=["digital_service"])
    await make_session(course.code)
    expired = await make_course(title_th="หลักสูตรที่หมดอายุการรับรอง", skill_areas=["digital_service"],
                                certification_expires=TODAY - dt.timedelta(days=1))
    await make_session(expired.code)
    answer = await client.get(f"/api/v1/members/{agency.started_id}/skill-gaps", headers=auth(agency.coordinator))
    assert answer.status_code == 200
    body: dict[str, Any] = answer.json()
    assert [g["skill_area"] for g in body["gaps"]][0] == "digital_service"
    assert body["gaps"][0]["missing_hours"] == 12.0
    [first] = body["recommendations"]
    assert first["course"]["title_th"] == "บริการดิจิทัลสำหรับงานหน้าเคาน์เตอร์"
    assert first["reason_th"] == "ท่านยังไม่มีชั่วโมงด้านการบริการดิจิทัล"
    done = await client.get(f"/api/v1/members/{agency.done_id}/skill-gaps", headers=auth(agency.admin))
    assert done.json()["gaps"] == [] and done.json()["recommendations"] == []


async def test_nominations_are_audited_exported_and_erased(client: httpx.AsyncClient, agency: AgencyWorld) -> None:
    course = await make_course()
    session = await make_session(course.code)
    made = await client.post("/api/v1/agency/nominations", json={"member_id": agency.started_id,
                                                                 "session_id": session.id},
                             headers=auth(agency.coordinator))
    assert made.status_code == 201
    twice = await client.post("/api/v1/agency/nominations", json={"member_id": agency.started_id,
                                                                  "session_id": session.id},
                              headers=auth(agency.coordinator))
    assert twice.status_code == 409 and twice.json()["message_th"]
    unfollowed = await make_member(agency_id=agency.agency_id)
    await members.deactivate_member(str(unfollowed.line_user_id))
    refused = await client.post("/api/v1/agency/nominations", json={"member_id": unfollowed.id,
                                                                    "session_id": session.id},
                                headers=auth(agency.coordinator))
    assert refused.status_code == 409 and refused.json()["code"] == "member_not_reachable"
    assert await AuditLog.filter(action="nomination.create").count() == 1
    exported = await members.export_member_data(agency.started_id, clock=CLOCK)
    assert [n["session_id"] for n in exported["nominations"]] == [session.id]
    await members.delete_member_data(member_id=agency.started_id, actor="test", clock=CLOCK,
                                     channel=RememberedForgets(), announcer=RecordedAnnouncements())
    assert not await Nomination.filter(member_id=agency.started_id).exists()
    listed = await client.get("/api/v1/agency/nominations", headers=auth(agency.coordinator))
    assert listed.json() == []


async def test_a_coordinator_follows_the_sub_units_but_not_the_parent(client: httpx.AsyncClient, db: None) -> None:
    department = await make_agency("กรมที่มีหน่วยงานย่อย")
    division = await Agency.create(name="กองพัฒนาระบบ (หน่วยงานย่อย)", parent_id=department.id)
    office = await Agency.create(name="สำนักงานจังหวัดทดสอบ (หน่วยงานย่อยของกอง)", parent_id=division.id)
    _, head = await make_staff("coordinator", agency_id=department.id)
    _, unit = await make_staff("coordinator", agency_id=division.id)
    at_head = await make_member(agency_id=department.id)
    in_division = await make_member(agency_id=division.id)
    in_office = await make_member(agency_id=office.id)
    everyone = await client.get("/api/v1/agency/staff", headers=auth(head))
    assert {p["member_id"] for p in everyone.json()["staff"]} == {at_head.id, in_division.id, in_office.id}
    assert {p["agency_name"] for p in everyone.json()["staff"]} == {department.name, division.name, office.name}
    one_unit = await client.get("/api/v1/agency/staff", params={"agency_id": office.id}, headers=auth(head))
    assert [p["member_id"] for p in one_unit.json()["staff"]] == [in_office.id]
    below = await client.get("/api/v1/agency/staff", headers=auth(unit))
    assert {p["member_id"] for p in below.json()["staff"]} == {in_division.id, in_office.id}
    up = await client.get("/api/v1/agency/staff", params={"agency_id": department.id}, headers=auth(unit))
    assert up.status_code == 403
    gaps = await client.get(f"/api/v1/members/{at_head.id}/skill-gaps", headers=auth(unit))
    assert gaps.status_code == 403
    session = await make_session((await make_course()).code)
    made = await client.post("/api/v1/agency/nominations", json={"member_id": in_office.id, "session_id": session.id},
                             headers=auth(head))
    assert made.status_code == 201
    seen_below = await client.get("/api/v1/agency/nominations", headers=auth(unit))
    assert [n["member_id"] for n in seen_below.json()] == [in_office.id]  # their staff, nominated from above
    refused = await client.post("/api/v1/agency/nominations", json={"member_id": at_head.id,
                                                                   "session_id": session.id}, headers=auth(unit))
    assert refused.status_code == 404
