"""The follow-up workbook (XLSX) for people: one row per certified course, the trainees by target group and by
agency, and the thresholds that raised the flags. Dates are in the Buddhist era, as people read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from backend.services.exports import Sheet, xlsx_bytes
from backend.services.follow_up.labels import FLAG_LABELS
from backend.services.follow_up.scorecards import Scorecard
from backend.services.follow_up.thresholds import Thresholds
from backend.thai_dates import thai_date

SUMMARY_SHEET = "สรุปรายหลักสูตร"
GROUP_SHEET = "ผู้เข้าอบรมตามกลุ่มเป้าหมาย"
AGENCY_SHEET = "ผู้เข้าอบรมตามหน่วยงาน"
THRESHOLD_SHEET = "เกณฑ์และช่วงเวลา"
SUMMARY_HEADER = (
    "รหัสหลักสูตร", "ชื่อหลักสูตร", "ผู้จัดอบรม", "เลขที่การรับรอง", "วันที่รับรอง", "วันหมดอายุการรับรอง",
    "เหลือ (วัน)", "จำนวนรุ่นที่จัด", "รุ่นล่าสุดเมื่อ", "ผู้เข้าอบรม (คน)", "ผู้สมัคร (ที่นั่ง)", "ผ่านการอบรม",
    "ร้อยละผ่านการอบรม", "ความพึงพอใจ (ค่าเฉลี่ย)", "ระดับความพึงพอใจ", "ประเมินตนเองก่อนอบรม",
    "ประเมินตนเองหลังอบรม", "คะแนนที่เพิ่มขึ้น", "ร้อยละที่นำไปใช้ในงาน", "ร้อยละการตอบ ระดับ 1",
    "ร้อยละการตอบ ระดับ 2", "ร้อยละการตอบ ระดับ 3", "ประเด็นที่ต้องติดตาม",
)


def _date(day: dt.date | None) -> str:
    return thai_date(day) if day else "-"


def _summary_row(card: Scorecard) -> list[object]:
    f = card.figures
    rates = {r.level: r.rate for r in f.response_rates}
    return [
        card.code, card.title_th, card.provider, card.certification_no, _date(card.certified_on),
        _date(card.certification_expires), card.days_to_expiry, f.sessions_held, _date(card.last_session_on),
        f.trainees, f.registrations, f.completed, f.completion_rate, f.l1_mean, f.l1_band or "-", f.l2_pre_mean,
        f.l2_post_mean, f.l2_gain, f.l3_applied_rate, rates.get(1), rates.get(2), rates.get(3),
        ", ".join(FLAG_LABELS[flag] for flag in card.flags) or "-",
    ]


def follow_up_workbook(cards: Sequence[Scorecard], thresholds: Thresholds, *, today: dt.date) -> bytes:
    period = f"{_date(cards[0].period_start)} ถึง {_date(cards[0].period_end)}" if cards else "-"
    settings: list[list[object]] = [
        ["ช่วงเวลาที่ติดตาม", period],
        ["จัดทำเมื่อ", _date(today)],
        ["ความพึงพอใจเฉลี่ยต่ำกว่า", thresholds.l1_mean_below],
        ["อัตราการตอบแบบประเมินต่ำกว่า (ร้อยละ)", thresholds.response_rate_below],
        ["ไม่มีการจัดอบรมภายใน (เดือน)", thresholds.idle_months],
        ["การรับรองจะหมดอายุภายใน (วัน)", thresholds.expiry_within_days],
    ]
    return xlsx_bytes([
        Sheet(SUMMARY_SHEET, SUMMARY_HEADER, [_summary_row(c) for c in cards], widths={1: 48, 2: 32, 22: 40}),
        Sheet(GROUP_SHEET, ("รหัสหลักสูตร", "ชื่อหลักสูตร", "กลุ่มเป้าหมาย", "ผู้เข้าอบรม (คน)"),
              [[c.code, c.title_th, g.label, g.trainees] for c in cards for g in c.trainees_by_target_group],
              widths={1: 48, 2: 36}),
        Sheet(AGENCY_SHEET, ("รหัสหลักสูตร", "ชื่อหลักสูตร", "หน่วยงาน", "ผู้เข้าอบรม (คน)"),
              [[c.code, c.title_th, a.label, a.trainees] for c in cards for a in c.trainees_by_agency],
              widths={1: 48, 2: 40}),
        Sheet(THRESHOLD_SHEET, ("รายการ", "ค่า"), settings, widths={0: 40, 1: 36}),
    ])
