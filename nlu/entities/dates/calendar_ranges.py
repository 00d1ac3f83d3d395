"""Calendar arithmetic for date phrases: years typed in either era, months, weeks, parts of a month.

A month or a day without a year is the next one to come, unless it ended less than two months ago.
"""

from __future__ import annotations

import calendar
import datetime as dt

_RECENT_PAST = dt.timedelta(days=60)


def year_from_text(raw: str | None, era: str | None) -> int | None:
    """A Christian-era year from what the user typed (2570, 2027, 70, ค.ศ. 27)."""
    if raw is None:
        return None
    y = int(raw)
    era = (era or "").replace(".", "").replace(" ", "")
    if len(raw) == 2:
        if era in ("คศ", "ce"):
            y += 2000
        elif era in ("พศ", "ปี", "be") or y >= 60:
            y += 2500
        else:
            return None  # "ธ.ค. 15" is more likely a count than the year 2015
    if y >= 2400:
        y -= 543
    if not 1900 <= y <= 2200:
        return None
    return y


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) ``delta`` months later (earlier when negative)."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def guess_year_for_month(month: int, today: dt.date) -> int:
    """The year of the next such month, or this year's if it ended less than two months ago."""
    year = today.year
    if month_range(year, month)[1] < today - _RECENT_PAST:
        year += 1
    return year


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the day does not exist in that month."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_in_month(year: int | None, month: int, day: int, today: dt.date) -> dt.date | None:
    """A day of a month, in ``year`` or, without one, in the year that makes it the next such day."""
    if year is not None:
        return safe_date(year, month, day)
    candidate = safe_date(today.year, month, day)
    if candidate is None:
        return safe_date(today.year + 1, month, day)
    if candidate < today - _RECENT_PAST:
        return safe_date(today.year + 1, month, day)
    return candidate


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def part_of_month(part: str, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """ต้น (1–10), กลาง (11–20), or ปลาย / สิ้น / ท้าย (21 to the end) of the month ``start``..``end``."""
    if part == "ต้น":
        return start, start.replace(day=10)
    if part == "กลาง":
        return start.replace(day=11), start.replace(day=20)
    return start.replace(day=21), end
