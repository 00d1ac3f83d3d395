"""Dates typed and shown in the admin: Buddhist-era day/month/year (1/12/2569), read on the server.

A browser's own date input writes Christian-era years in the browser's format (12/01/2026 on an English
system), whatever the page's language. The admin uses plain text inputs instead, with the form staff write on
paper (วว/ดด/ปปปป พ.ศ.); the server reads it and, when it cannot, says in Thai what to write. This needs no
script, works with the admin's Content-Security-Policy (scripts and styles from the site only) and with the
keyboard, and takes pasted dates.
"""

from __future__ import annotations

import datetime as dt
import re

from backend.schemas.bounds import MAX_DATE, MIN_DATE, date_in_range
from backend.thai_dates import BUDDHIST_ERA_OFFSET

DATE_PLACEHOLDER = "วว/ดด/ปปปป เช่น 1/12/2569"
DATETIME_PLACEHOLDER = "วว/ดด/ปปปป ชช:นน เช่น 1/12/2569 08:30"
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_DATE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateInputError(ValueError):
    """A date staff typed that cannot be read; the message says in Thai what to write."""


def date_input_value(day: dt.date | None) -> str:
    """The value of a date input: 1/12/2569, or empty."""
    if day is None:
        return ""
    return f"{day.day}/{day.month}/{day.year + BUDDHIST_ERA_OFFSET}"


def datetime_input_value(moment: dt.datetime | None) -> str:
    """The value of a date-and-time input (Bangkok time): 1/12/2569 08:30, or empty."""
    if moment is None:
        return ""
    return f"{date_input_value(moment.date())} {moment:%H:%M}"


def _be_date(match: re.Match[str], field_th: str, typed: str) -> dt.date:
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    if year < 2400:
        raise DateInputError(f"{field_th}: ปี {year} ไม่ใช่ปีพุทธศักราช กรุณาใส่ปี พ.ศ. เช่น "
                             f"{year + BUDDHIST_ERA_OFFSET if year > 1900 else 2569}")
    try:
        return dt.date(year - BUDDHIST_ERA_OFFSET, month, day)
    except ValueError:
        raise DateInputError(f"{field_th}: ไม่มีวันที่ \"{typed}\" ในปฏิทิน") from None


def _in_range(day: dt.date, field_th: str) -> dt.date:
    if date_in_range(day) is None:
        raise DateInputError(f"{field_th}: ใส่ปี พ.ศ. ระหว่าง {MIN_DATE.year + BUDDHIST_ERA_OFFSET} ถึง "
                             f"{MAX_DATE.year + BUDDHIST_ERA_OFFSET}")
    return day


def parse_date_input(value: object, *, field_th: str) -> dt.date | None:
    """A date typed as วว/ดด/ปปปป (พ.ศ., Thai digits too); ISO (2026-12-01) from links is read as well.
    Empty is None; anything else raises DateInputError."""
    typed = str(value or "").strip()
    if not typed:
        return None
    text = typed.translate(THAI_DIGITS)
    if _ISO.fullmatch(text):
        try:
            return _in_range(dt.date.fromisoformat(text), field_th)
        except ValueError as exc:
            if isinstance(exc, DateInputError):
                raise
            raise DateInputError(f"{field_th}: ไม่มีวันที่ \"{typed}\" ในปฏิทิน") from None
    match = _DATE.fullmatch(text)
    if match is None:
        raise DateInputError(f"{field_th}: อ่านวันที่ \"{typed}\" ไม่ได้ กรุณาใส่เป็น วว/ดด/ปปปป (พ.ศ.) เช่น 1/12/2569")
    return _in_range(_be_date(match, field_th, typed), field_th)


def parse_datetime_input(value: object, *, field_th: str, tz: dt.tzinfo) -> dt.datetime | None:
    """A date and time typed as วว/ดด/ปปปป ชช:นน (พ.ศ., in `tz`; ISO 8601 is read as well); empty is None."""
    typed = str(value or "").strip()
    if not typed:
        return None
    text = typed.translate(THAI_DIGITS)
    if _ISO.fullmatch(text[:10]) and text[10:11] == "T":  # 2026-12-01T08:30, as scripts write it
        try:
            return dt.datetime.fromisoformat(text).replace(tzinfo=tz)
        except ValueError:
            raise DateInputError(f"{field_th}: อ่าน \"{typed}\" ไม่ได้ กรุณาใส่เป็น วว/ดด/ปปปป ชช:นน (พ.ศ.)") from None
    date_part, _, time_part = text.partition(" ")
    date_match, time_match = _DATE.fullmatch(date_part.strip()), _TIME.fullmatch(time_part.strip())
    if date_match is None or time_match is None:
        raise DateInputError(f"{field_th}: อ่าน \"{typed}\" ไม่ได้ กรุณาใส่เป็น วว/ดด/ปปปป ชช:นน (พ.ศ.) "
                             f"เช่น 1/12/2569 08:30")
    day = _be_date(date_match, field_th, typed)
    hour, minute = int(time_match[1]), int(time_match[2])
    if hour > 23 or minute > 59:
        raise DateInputError(f"{field_th}: ไม่มีเวลา {hour}:{minute:02d} น. กรุณาใส่เวลา 00:00 ถึง 23:59")
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)
