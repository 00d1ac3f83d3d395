"""The agency's annual digital-training report (XLSX), fit to attach to a submission to OCSC: per person and
course (official name as on certificates, position, target group, course, dates, hours, skill areas,
certificate number), hours per skill area against the framework, and a summary sheet. Dates are Buddhist era;
the workbook is written by backend.services.exports (text never becomes a formula)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backend.models import Certificate, Registration, RegistrationStatus
from backend.services import audit
from backend.services.catalogue.course_details import course_tag_codes
from backend.services.coordination.fiscal import FiscalYear
from backend.services.coordination.staff import completion_by_target_group, get_agency, staff_progress
from backend.services.exports import Sheet, xlsx_bytes
from backend.services.framework import get_vocabulary
from backend.thai_dates import thai_date

SUMMARY = "สรุป"
PER_PERSON = "รายบุคคล"
PER_SKILL_AREA = "ชั่วโมงตามด้านทักษะ"
DETAIL_HEADER = ("ลำดับ", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำแหน่ง", "หน่วยงาน", "กลุ่มเป้าหมาย", "รหัสหลักสูตร",
                 "ชื่อหลักสูตร", "ผู้จัดอบรม", "วันเริ่มอบรม", "วันสิ้นสุดการอบรม", "จำนวนชั่วโมง", "ด้านทักษะ", "เลขที่วุฒิบัตร")


def _hours(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(float(value), 1)


async def annual_report_xlsx(agency_id: int, *, year: FiscalYear, now: dt.datetime) -> bytes:
    """The workbook: สรุป, รายบุคคล, ชั่วโมงตามด้านทักษะ."""
    agency = await get_agency(agency_id)
    vocab = await get_vocabulary()
    staff = await staff_progress(agency_id, year=year, now=now)
    by_id = {s.member_id: s for s in staff}
    regs = await Registration.filter(
        member_id__in=list(by_id), status=RegistrationStatus.completed, session__end_date__gte=year.start,
        session__end_date__lte=year.end,
    ).order_by("session__start_date", "id").values(
        "id", "member_id", "session__start_date", "session__end_date", "session__course_id", "session__course__code",
        "session__course__title_th", "session__course__hours", "session__course__provider__name")
    certs = {c["registration_id"]: c["number"] for c in await Certificate.filter(
        registration_id__in=[r["id"] for r in regs], revoked_at__isnull=True).values("registration_id", "number")}
    tags = await course_tag_codes(list({r["session__course_id"] for r in regs}))
    courses_of: dict[int, list[dict[str, Any]]] = {}
    for r in regs:
        courses_of.setdefault(r["member_id"], []).append(r)

    detail: list[list[object]] = []
    for person in staff:
        first = [person.official_title, person.official_first_name or person.name, person.official_last_name,
                 person.position, person.agency_name, person.target_group_th]
        for r in courses_of.get(person.member_id, []):
            codes = tags.get(r["session__course_id"], {}).get("skill_areas", [])
            detail.append([len(detail) + 1, *first, r["session__course__code"], r["session__course__title_th"],
                           r["session__course__provider__name"] or "", thai_date(r["session__start_date"]),
                           thai_date(r["session__end_date"]),
                           _hours(float(r["session__course__hours"])),
                           ", ".join(area.name_th for code, area in vocab.skill_areas.items() if code in codes),
                           certs.get(r["id"], "")])

    skill_areas = list(vocab.skill_areas.values())
    per_area_rows = []
    for person in staff:
        cells: list[object] = [person.name, person.position, person.target_group_th]
        for area in skill_areas:
            done = _hours(person.hours_by_skill_area.get(area.code, 0.0))
            need = person.required_hours.get(area.code)
            cells.append(f"{done}/{_hours(need)}" if need else done)
        cells += [_hours(person.total_hours), "ครบ" if person.meets_framework else "ยังไม่ครบ"]
        per_area_rows.append(cells)

    trained = sum(1 for s in staff if s.completed)
    summary: list[list[object]] = [
        ["หน่วยงาน", agency.name],
        ["รายงาน", f"ผลการพัฒนาทักษะด้านดิจิทัลของบุคลากร {year.label_th}"],
        ["ช่วงเวลา", f"{thai_date(year.start, full=True)} ถึง {thai_date(year.end, full=True)}"],
        ["จัดทำเมื่อ", thai_date(now.date(), full=True)],
        ["จำนวนบุคลากรในระบบ (คน)", len(staff)],
        ["ผ่านการอบรมอย่างน้อย 1 หลักสูตร (คน)", trained],
        ["ผ่านการอบรม (ครั้ง)", len(regs)],
        ["รวมชั่วโมงอบรม", _hours(sum(s.total_hours for s in staff))],
        ["มีชั่วโมงครบตามกรอบของกลุ่มเป้าหมาย (คน)", sum(1 for s in staff if s.meets_framework)],
        [],
        ["กลุ่มเป้าหมาย", "จำนวนบุคลากร (คน)", "ครบตามกรอบ (คน)", "ร้อยละ"],
    ]
    for group in await completion_by_target_group(staff):
        summary.append([group.name_th, group.staff, group.met_all, group.met_all_pct])
    summary += [[], ["ด้านทักษะ", "จำนวนผู้ผ่านการอบรม (คน)", "รวมชั่วโมง"]]
    for area in skill_areas:
        people = [s for s in staff if s.hours_by_skill_area.get(area.code)]
        summary.append([area.name_th, len(people), _hours(sum(s.hours_by_skill_area[area.code] for s in people))])
    return xlsx_bytes([
        Sheet(SUMMARY, ["รายการ", "ค่า"], summary, widths={0: 42, 1: 48}),
        Sheet(PER_PERSON, DETAIL_HEADER, detail,
              widths={1: 10, 2: 18, 3: 18, 4: 28, 5: 30, 6: 30, 7: 14, 8: 48, 9: 30, 10: 14, 11: 16, 13: 36,
                      14: 22}),
        Sheet(PER_SKILL_AREA, ["ชื่อ-นามสกุล", "ตำแหน่ง", "กลุ่มเป้าหมาย",
                               *[f"{a.name_th} (ชั่วโมงที่ได้/ตามกรอบ)" for a in skill_areas], "รวมชั่วโมง",
                               "ครบตามกรอบ"], per_area_rows, widths={0: 30, 1: 26, 2: 30}),
    ])


def report_filename(agency_id: int, year: FiscalYear) -> str:
    """ASCII file name (a header value): agency-<id>-fy<BE year>.xlsx."""
    return f"agency-{agency_id}-digital-training-fy{year.year_be}.xlsx"



async def export_annual_report(agency_id: int, *, year: FiscalYear, now: dt.datetime, actor: str) -> bytes:
    """The workbook, with the export recorded in the audit log (it carries personal data)."""
    data = await annual_report_xlsx(agency_id, year=year, now=now)
    await audit.record(actor=actor, action="agency.report_export", target_type="agency", target_id=agency_id,
                       details={"fiscal_year": year.year_be, "bytes": len(data)})
    return data
