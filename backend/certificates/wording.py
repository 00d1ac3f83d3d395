"""The words of a certificate (วุฒิบัตร) that depend on its data: full Buddhist-era dates as documents write
them, the training period (one day or several), hours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from backend.thai_dates import BUDDHIST_ERA_OFFSET, MONTHS_FULL


def document_date(day: dt.date) -> str:
    """1 ธันวาคม พ.ศ. 2569."""
    return f"{day.day} {MONTHS_FULL[day.month - 1]} พ.ศ. {day.year + BUDDHIST_ERA_OFFSET}"


def training_period(start: dt.date, end: dt.date | None) -> str:
    """เมื่อวันที่ 1 ธันวาคม พ.ศ. 2569 for one day; ระหว่างวันที่ 1–3 ธันวาคม พ.ศ. 2569 for several, with the
    month (30 พฤศจิกายน – 2 ธันวาคม พ.ศ. 2569) or the year (… พ.ศ. 2569 – 2 มกราคม พ.ศ. 2570) where they differ."""
    if end is None or end <= start:
        return f"เมื่อวันที่ {document_date(start)}"
    if start.year != end.year:
        return f"ระหว่างวันที่ {document_date(start)} – {document_date(end)}"
    if start.month != end.month:
        return f"ระหว่างวันที่ {start.day} {MONTHS_FULL[start.month - 1]} – {document_date(end)}"
    return f"ระหว่างวันที่ {start.day}–{document_date(end)}"


def issued_on(day: dt.date) -> str:
    """ให้ไว้ ณ วันที่ 3 ธันวาคม พ.ศ. 2569."""
    return f"ให้ไว้ ณ วันที่ {document_date(day)}"


def hours(value: Decimal | float | int) -> str:
    """12 ชั่วโมง, 7.5 ชั่วโมง."""
    number = Decimal(str(value)).normalize()
    text = f"{number:f}"
    return f"{text} ชั่วโมง"
