"""Dates as Thai users read them: Buddhist-era years and Thai month names (1 ธ.ค. 2569).

The one place that formats dates for people: chat messages, the survey form, certificates and the admin.
The API keeps ISO dates.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from backend.clock import BANGKOK

MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
MONTHS_FULL = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
               "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
BUDDHIST_ERA_OFFSET = 543


def thai_date(day: dt.date, *, full: bool = False) -> str:
    """1 ธ.ค. 2569; with full=True, 1 ธันวาคม 2569 (certificates)."""
    months = MONTHS_FULL if full else MONTHS_SHORT
    return f"{day.day} {months[day.month - 1]} {day.year + BUDDHIST_ERA_OFFSET}"


class Month(NamedTuple):
    """A calendar month; as text (CSV, API) it is ISO 8601 (2026-12), people read thai_month()."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str) -> Month:
        """From ISO 8601 (2026-12)."""
        year, month = text.split("-")
        return cls(int(year), int(month))


def thai_month(month: Month | dt.date) -> str:
    """ธ.ค. 2569: a month as the admin shows it."""
    return f"{MONTHS_SHORT[month.month - 1]} {month.year + BUDDHIST_ERA_OFFSET}"


def thai_datetime(moment: dt.datetime) -> str:
    """1 ธ.ค. 2569 เวลา 14:30 น., in Bangkok time."""
    local = moment.astimezone(BANGKOK)
    return f"{thai_date(local.date())} เวลา {local:%H:%M} น."


def thai_date_range(start: dt.date, end: dt.date | None) -> str:
    """1–2 ธ.ค. 2569, 30 พ.ย. – 2 ธ.ค. 2569, or the two full dates across years."""
    if end is None or end == start:
        return thai_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS_SHORT[start.month - 1]} {start.year + BUDDHIST_ERA_OFFSET}"
    if start.year == end.year:
        return f"{start.day} {MONTHS_SHORT[start.month - 1]} – {thai_date(end)}"
    return f"{thai_date(start)} – {thai_date(end)}"
