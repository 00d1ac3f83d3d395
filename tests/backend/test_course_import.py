"""Importing courses from CSV/XLSX: Thai headers, per-row error report, dry run, upsert, sessions, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from backend.models import AuditLog, Course, Session
from backend.services import catalogue
from backend.services.importer import ImportFileError, import_courses, parse_date
from tests.clock import CLOCK
from tests.doubles import RecordedAnnouncements

pytestmark = pytest.mark.usefixtures("db")

THAI_HEADERS = ["รหัสหลักสูตร", "ชื่อหลักสูตร", "หน่วยงานผู้จัด", "หัวข้อ", "กลุ่มเป้าหมาย", "ทักษะ",
                "จำนวนชั่วโมง", "รูปแบบ", "ค่าลงทะเบียน", "วันที่รับรอง", "รุ่นที่", "วันเริ่มอบรม",
                "วันสิ้นสุดการอบรม", "จังหวัด", "จำนวนที่นั่ง"]
ROWS = [
    # row 2: a good course with its first session
    ["IMP-001", "การวิเคราะห์ข้อมูลด้วย Power BI", "สถาบันนำเข้าข้อมูล", "data", "สายไอที, ผู้บริหาร",
     "การใช้ประโยชน์และการแบ่งปันข้อมูล", "12 ชั่วโมง", "ในสถานที่", "1,500", "15/01/2569", "1", "1/12/2569",
     "2/12/2569", "เชียงใหม่", "30"],
    # row 3: second session of the same course
    ["IMP-001", "", "", "", "", "", "", "", "", "", "2", "2027-02-01", "2027-02-02", "กทม", "25"],
    # row 4: bad: negative hours and an unknown topic
    ["IMP-002", "หลักสูตรเสีย", "สถาบันนำเข้าข้อมูล", "โหราศาสตร์", "other", "", "-3", "ออนไลน์", "0", "", "",
     "", "", "", ""],
    # row 5: good, Thai topic names, online, free
    ["IMP-003", "ปัญญาประดิษฐ์เพื่องานบริการ", "ศูนย์ทดสอบ", "ปัญญาประดิษฐ์; ออกแบบบริการ", "สายบริการ", "",
     "6", "ออนไลน์", "ฟรี", "", "", "", "", "", ""],
    # row 6: bad: missing title and provider for a new course, bad date and province
    ["IMP-004", "", "", "cloud", "technologist", "", "6", "hybrid", "0", "31/02/2569", "1", "1/12/2569",
     "2/12/2569", "แอตแลนติส", "20"],
    # row 7: bad: no code
    ["", "ไม่มีรหัส", "ศูนย์ทดสอบ", "ai", "other", "", "6", "online", "0", "", "", "", "", "", ""],
]


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


async def test_bad_rows_are_reported_with_numbers_and_good_rows_import(tmp_path: Path) -> None:
    report = await import_courses(write_csv(tmp_path / "courses.csv", THAI_HEADERS, ROWS), actor="test", clock=CLOCK, announcer=RecordedAnnouncements())
    assert report.rows == 6
    assert [e.row for e in report.errors] == [4, 6, 7]
    by_row = {e.row: " | ".join(e.reasons) for e in report.errors}
    assert "คอลัมน์ จำนวนชั่วโมง: ต้องมากกว่า 0" in by_row[4] and "ไม่รู้จักหัวข้อ \"โหราศาสตร์\"" in by_row[4]
    assert "คอลัมน์ วันที่รับรอง: ไม่มีวันที่ \"31/02/2569\" ในปฏิทิน" in by_row[6] and "คอลัมน์ จังหวัด: ไม่พบจังหวัด" in by_row[6]
    assert "คอลัมน์ รหัสหลักสูตร: ไม่ได้ระบุรหัสหลักสูตร" in by_row[7]
    assert not re.search(r"[A-Za-z]{4,}", by_row[4] + by_row[7])  # no English reason
    assert report.courses_created == ["IMP-001", "IMP-003"]
    assert report.sessions_created == 2

    detail = await catalogue.get_course("IMP-001", clock=CLOCK)
    assert detail.hours == 12.0 and detail.fee == 1500.0 and detail.modality == "onsite"
    assert detail.certified_on == dt.date(2026, 1, 15)
    assert {t.code for t in detail.target_groups} == {"technologist", "executive"}
    assert [(s.no, s.start_date, s.province, s.capacity) for s in detail.sessions] == [
        (1, dt.date(2026, 12, 1), "เชียงใหม่", 30), (2, dt.date(2027, 2, 1), "กรุงเทพมหานคร", 25)]
    ai = await catalogue.get_course("IMP-003", clock=CLOCK)
    assert [t.code for t in ai.topics] == ["ai", "service_design"] and ai.fee == 0
    assert not await Course.filter(code__in=["IMP-002", "IMP-004"]).exists()


async def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    report = await import_courses(write_csv(tmp_path / "c.csv", THAI_HEADERS, ROWS), actor="test", dry_run=True, clock=CLOCK, announcer=RecordedAnnouncements())
    assert report.dry_run
    assert [e.row for e in report.errors] == [4, 6, 7]
    assert report.courses_created == ["IMP-001", "IMP-003"] and report.sessions_created == 2
    assert await Course.all().count() == 0
    assert await Session.all().count() == 0
    assert await AuditLog.all().count() == 0


async def test_reimport_updates_by_code(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", THAI_HEADERS, ROWS[:2])
    await import_courses(path, actor="test", clock=CLOCK, announcer=RecordedAnnouncements())
    changed = [row[:] for row in ROWS[:2]]
    changed[0][1] = "การวิเคราะห์ข้อมูลด้วย Power BI ฉบับปรับปรุง"
    changed[0][14] = "40"
    report = await import_courses(write_csv(tmp_path / "c2.csv", THAI_HEADERS, changed), actor="test", clock=CLOCK, announcer=RecordedAnnouncements())
    assert report.errors == []
    assert report.courses_created == [] and report.courses_updated == ["IMP-001"]
    assert report.sessions_updated == 2 and report.sessions_created == 0
    detail = await catalogue.get_course("IMP-001", clock=CLOCK)
    assert detail.title_th.endswith("ฉบับปรับปรุง")
    assert [s.capacity for s in detail.sessions] == [40, 25]
    assert await Course.all().count() == 1


async def test_xlsx_with_english_headers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["code", "title_th", "provider", "topics", "target_groups", "hours", "modality", "fee",
               "certified_on", "start_date", "end_date", "online", "capacity"])
    ws.append(["XL-1", "ความปลอดภัยไซเบอร์", "ศูนย์ทดสอบ", "cybersecurity", "other", 6, "online", 0,
               dt.datetime(2026, 3, 1), dt.datetime(2026, 12, 10), dt.datetime(2026, 12, 10), "ใช่", 100])
    ws.append(["XL-2", "คลาวด์", "ศูนย์ทดสอบ", "cloud", "other", "six", "online", 0, None, None, None, None, None])
    wb.save(tmp_path / "c.xlsx")
    report = await import_courses(tmp_path / "c.xlsx", actor="test", clock=CLOCK, announcer=RecordedAnnouncements())
    assert [e.row for e in report.errors] == [3]
    assert report.errors[0].reasons[0] == 'คอลัมน์ จำนวนชั่วโมง: "six" ไม่ใช่ตัวเลข'
    detail = await catalogue.get_course("XL-1", clock=CLOCK)
    assert detail.certified_on == dt.date(2026, 3, 1)
    assert detail.sessions[0].online and detail.sessions[0].province is None


async def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError):
        await import_courses(write_csv(tmp_path / "x.csv", ["ชื่อ", "อื่น ๆ"], [["a", "b"]]), actor="t", clock=CLOCK, announcer=RecordedAnnouncements())
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(ImportFileError):
        await import_courses(tmp_path / "x.pdf", actor="t", clock=CLOCK, announcer=RecordedAnnouncements())
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ImportFileError):
        await import_courses(tmp_path / "bad.xlsx", actor="t", clock=CLOCK, announcer=RecordedAnnouncements())


def test_dates() -> None:
    assert parse_date("2026-12-01") == dt.date(2026, 12, 1)
    assert parse_date("1/12/2569") == dt.date(2026, 12, 1)
    assert parse_date("๑ ธ.ค. ๒๕๖๙") == dt.date(2026, 12, 1)
    assert parse_date("15 มกราคม 2570") == dt.date(2027, 1, 15)
    with pytest.raises(ValueError):
        parse_date("31/02/2569")


def test_cli_dry_run(tmp_path: Path, test_settings) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "courses.csv", THAI_HEADERS, ROWS)
    env = {**os.environ, "DATABASE_URL": test_settings.database_url, "ENVIRONMENT": "test",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    out = subprocess.run([sys.executable, "-m", "backend", "import-courses", str(path), "--dry-run"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 1, out.stderr
    assert "ตรวจสอบอย่างเดียว" in out.stdout
    assert "แถวที่ 4 (IMP-002): คอลัมน์" in out.stdout and "แถวที่ 7" in out.stdout
    assert "6 แถว: ถูกต้อง 3 แถว ผิดพลาด 3 แถว" in out.stdout


def _reader_that_dies(path: Path) -> list[tuple[int, dict[str, object]]]:
    os._exit(1)  # as a reader killed mid-way (out of memory, a signal) would end


async def test_a_reader_that_dies_gives_a_message_and_the_next_import_reads(tmp_path: Path) -> None:
    from backend.services.importer.importing import _read_rows_apart

    path = tmp_path / "courses.csv"
    path.write_text("code,title_th\nX-1,หลักสูตร\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="อ่านไฟล์ไม่สำเร็จ"):
        await _read_rows_apart(path, _reader_that_dies)
    assert [row for row, _ in await _read_rows_apart(path)] == [2]
