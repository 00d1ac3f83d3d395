"""What a matched date phrase means: an inclusive (start, end) range of days, relative to today."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from nlu.entities.dates.calendar_ranges import (
    day_in_month,
    guess_year_for_month,
    month_range,
    part_of_month,
    safe_date,
    shift_month,
    week_of,
    year_from_text,
)
from nlu.entities.dates.patterns import REL_SUFFIX
from nlu.entities.dates.words import month_of, weekday_of


def _offset(m: re.Match[str]) -> int:
    """How many weeks, months or years away a relative word (หน้า, ที่แล้ว, next …) points; 0 without one."""
    groups = m.groupdict()
    if groups.get("erel"):
        return REL_SUFFIX[groups["erel"]]
    if groups.get("rel"):
        return REL_SUFFIX[groups["rel"]]
    return 0


def resolve(kind: str, m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days a match of pattern ``kind`` covers, or None when it names no real date (31 ก.พ., มี 15)."""
    g = m.groupdict()
    if kind in ("iso", "dmy_num"):
        year = year_from_text(g["y"], None)
        if year is None:
            return None
        day = safe_date(year, int(g["m"]), int(g["d"]))
        return (day, day) if day else None
    if kind in ("day_month_rel_year", "month_rel_year"):
        month = month_of(m)
        if month is None:
            return None
        year = today.year + _offset(m)
        if kind == "day_month_rel_year":
            day = safe_date(year, month, int(g["day"]))
            return (day, day) if day else None
        return month_range(year, month)
    if kind in ("day_range_month", "day_month", "part_month", "month_year", "month"):
        month = month_of(m)
        if month is None:
            return None
        year = year_from_text(g.get("year"), g.get("era"))
        if kind == "month_year" and year is None:
            return None
        if kind == "day_month":
            day = day_in_month(year, month, int(g["day"]), today)
            return (day, day) if day else None
        if kind == "day_range_month":
            first = day_in_month(year, month, int(g["d1"]), today)
            last = day_in_month(year, month, int(g["d2"]), today)
            if first is None or last is None:
                return None
            if last < first:
                last = safe_date(first.year, month, int(g["d2"]))
                if last is None or last < first:
                    return None
            return first, last
        start, end = month_range(year if year is not None else guess_year_for_month(month, today), month)
        if kind == "part_month":
            return part_of_month(g["part"], start, end)
        return start, end
    if kind == "part_rel_month":
        y, mo = shift_month(today.year, today.month, _offset(m))
        return part_of_month(g["part"], *month_range(y, mo))
    if kind == "fiscal_year":
        year = year_from_text(g["year"], "พศ")
        if year is None:
            return None
        return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)
    if kind == "year":
        year = year_from_text(g["year"], g["era"])
        return (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else None
    if kind == "day_only":
        day_no = int(g["day"])
        candidate = safe_date(today.year, today.month, day_no)
        if candidate is not None and candidate >= today:
            return candidate, candidate
        y, mo = shift_month(today.year, today.month, 1)
        candidate = safe_date(y, mo, day_no)
        return (candidate, candidate) if candidate else None
    if kind == "today":
        return today, today
    if kind == "tomorrow":
        day = today + dt.timedelta(days=1)
        return day, day
    if kind == "day_after_tomorrow":
        day = today + dt.timedelta(days=2)
        return day, day
    if kind == "yesterday":
        day = today - dt.timedelta(days=1)
        return day, day
    if kind in ("weekend", "en_weekend"):
        monday, _ = week_of(today + dt.timedelta(weeks=_offset(m)))
        saturday = monday + dt.timedelta(days=5)
        return saturday, saturday + dt.timedelta(days=1)
    if kind in ("weekday_rel", "weekday"):
        weekday = weekday_of(m)
        if weekday is None:
            return None
        rel = _offset(m) if kind == "weekday_rel" else 0
        if rel == 0:
            day = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
        else:
            monday, _ = week_of(today + dt.timedelta(weeks=rel))
            day = monday + dt.timedelta(days=weekday)
        return day, day
    if kind in ("week", "en_week"):
        return week_of(today + dt.timedelta(weeks=_offset(m)))
    if kind in ("rel_month", "en_month"):
        return month_range(*shift_month(today.year, today.month, _offset(m)))
    if kind in ("rel_year", "en_year"):
        year = today.year + _offset(m)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind in ("within", "ahead"):
        n = int(g["n"])
        unit = g["unit"]
        if kind == "within":
            if unit == "วัน":
                return today, today + dt.timedelta(days=n)
            if unit in ("สัปดาห์", "อาทิตย์"):
                return today, today + dt.timedelta(weeks=n)
            y, mo = shift_month(today.year, today.month, n)
            return today, safe_date(y, mo, min(today.day, calendar.monthrange(y, mo)[1])) or today
        if unit == "วัน":
            day = today + dt.timedelta(days=n)
            return day, day
        if unit in ("สัปดาห์", "อาทิตย์"):
            return week_of(today + dt.timedelta(weeks=n))
        return month_range(*shift_month(today.year, today.month, n))
    return None  # pragma: no cover
