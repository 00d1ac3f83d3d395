"""Dates as Thai users read them: Buddhist-era years and short month names (1 ธ.ค. 2569)."""

from __future__ import annotations

import datetime as dt

MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


def thai_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year + 543}"


def thai_date_range(start: dt.date, end: dt.date | None) -> str:
    if end is None or end == start:
        return thai_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS_SHORT[start.month - 1]} {start.year + 543}"
    if start.year == end.year:
        return f"{start.day} {MONTHS_SHORT[start.month - 1]} – {thai_date(end)}"
    return f"{thai_date(start)} – {thai_date(end)}"
