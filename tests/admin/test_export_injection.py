"""Exports never turn what people typed into spreadsheet formulas: every CSV and XLSX the product writes,
fed names, agencies, positions, comments and titles that begin like formulas."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import openpyxl
import pytest

from backend.models import Agency, Course, Member, Provider, Registration, RegistrationStatus
from backend.services import surveys
from backend.services.auth import create_staff_user, create_token
from backend.services.exports import FORMULA_STARTS
from tests.clock import CLOCK
from tests.evaluation.conftest import World, make_world

EVIL = {
    "display_name": '=HYPERLINK("http://evil.example","ข้อมูล")',
    "agency_text": "+cmd|' /C calc'!A0",
    "position": "-2+3+cmd|' /C calc'!A0",
    "comment": "@SUM(1+9)*cmd|' /C calc'!A0",
    "course": "=1+1 หลักสูตรทดสอบ",
    "provider": "@2+2 สถาบัน",
    "agency": "\t=3+3 กรมทดสอบ",
}


@pytest.fixture
async def world(db: None) -> World:
    world = await make_world(CLOCK.utcnow())
    await Course.filter(id=world.course.id).update(title_th=EVIL["course"])
    await Provider.filter(id=world.course.provider_id).update(name=EVIL["provider"])  # type: ignore[attr-defined]
    agency = await Agency.create(name=EVIL["agency"])
    for member in world.members.values():
        await Member.filter(id=member.id).update(display_name=EVIL["display_name"], agency_text=EVIL["agency_text"],
                                                 position=EVIL["position"], agency_id=agency.id)
    await Registration.filter(session_id=world.session.id).update(status=RegistrationStatus.completed,
                                                                  completed_at=CLOCK.utcnow())
    await surveys.ensure_shipped_templates()
    dispatch = await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                             deadline=CLOCK.utcnow().replace(year=2027), now=CLOCK.utcnow())
    answers = {"content": 5, "trainer": 4, "materials": 4, "duration": 3, "application": 4, "overall": 5,
               "comments": EVIL["comment"]}
    await surveys.submit_response(dispatch_id=dispatch.id, member_id=world.members["anong"].id, answers=answers,
                                  now=CLOCK.utcnow())
    return world


@pytest.fixture
async def signed_in(client: httpx.AsyncClient, world: World) -> httpx.AsyncClient:
    await create_staff_user(username="exporter", role="admin", password="export pass 1234")
    page = await client.get("/admin/login")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    done = await client.post("/admin/login", data={"username": "exporter", "password": "export pass 1234",
                                                   "csrf_token": csrf})
    assert done.status_code == 303
    return client


def _csv_cells(body: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]


def _xlsx_cells(body: bytes) -> list[Any]:
    book = openpyxl.load_workbook(io.BytesIO(body))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    formulas = [c.coordinate for c in cells if c.data_type == "f"]
    assert not formulas, f"formula cells: {formulas}"
    return [c.value for c in cells]


def _check_csv(body: bytes, expected: list[str]) -> None:
    cells = _csv_cells(body)
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    for text in expected:
        assert "'" + text in cells, text  # kept, with the apostrophe that stops spreadsheets from running it


def _check_xlsx(body: bytes, expected: list[str]) -> None:
    values = _xlsx_cells(body)
    for text in expected:
        assert text in values, text  # stored as the text people typed


async def test_registration_exports(signed_in: httpx.AsyncClient, world: World) -> None:
    expected = [EVIL["display_name"], EVIL["agency"], EVIL["position"]]
    csv_file = await signed_in.get(f"/admin/sessions/{world.session.id}/export.csv")
    assert csv_file.status_code == 200
    _check_csv(csv_file.content, expected)
    xlsx_file = await signed_in.get(f"/admin/sessions/{world.session.id}/export.xlsx")
    assert xlsx_file.status_code == 200
    _check_xlsx(xlsx_file.content, expected)


async def test_survey_report_exports(client: httpx.AsyncClient, world: World) -> None:
    admin = await create_staff_user(username="reporter", role="admin")
    token = (await create_token(user_id=admin.id, name="t")).token
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/reports/sessions/{world.session.id}"
    csv_file = await client.get(url, params={"format": "csv"}, headers=headers)
    assert csv_file.status_code == 200
    _check_csv(csv_file.content, [EVIL["comment"]])
    xlsx_file = await client.get(url, params={"format": "xlsx"}, headers=headers)
    _check_xlsx(xlsx_file.content, [EVIL["comment"]])


@pytest.mark.parametrize("key, expected", [
    ("trained_by_agency", [EVIL["agency"]]),
    ("satisfaction_by_course", [EVIL["course"]]),
    ("satisfaction_by_provider", [EVIL["provider"]]),
])
async def test_dashboard_exports(signed_in: httpx.AsyncClient, key: str, expected: list[str]) -> None:
    csv_file = await signed_in.get(f"/admin/dashboard/export/{key}.csv")
    assert csv_file.status_code == 200
    _check_csv(csv_file.content, expected)


def test_every_formula_start_is_neutralised_and_numbers_stay_numbers() -> None:
    from backend.services.exports import csv_bytes, neutralise

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise(f"{start}1+1") == f"'{start}1+1"
    assert neutralise(-3) == -3 and neutralise(2.5) == 2.5 and neutralise("สมชาย") == "สมชาย"
    cells = list(csv.reader(io.StringIO(csv_bytes(["ชื่อ"], [["\r=cmd"], [-4]]).decode("utf-8-sig"), newline="")))
    assert cells == [["ชื่อ"], ["'\r=cmd"], ["-4"]]
