"""How people read the follow-up's flags and levels (admin pages and the workbook)."""

from __future__ import annotations

FLAG_LABELS = {
    "l1_low": "ความพึงพอใจต่ำกว่าเกณฑ์",
    "response_low": "อัตราการตอบต่ำกว่าเกณฑ์",
    "no_recent_session": "ไม่มีการจัดอบรมในช่วงที่กำหนด",
    "certification_expiring": "การรับรองใกล้หมดอายุ",
}
LEVEL_LABELS = {1: "ระดับ 1 ความพึงพอใจ", 2: "ระดับ 2 การเรียนรู้", 3: "ระดับ 3 การนำไปใช้"}


def level_label(level: int) -> str:
    return LEVEL_LABELS.get(level, f"ระดับ {level}")
