"""Dates and date ranges in Thai chat, resolved against a reference day.

Every date becomes an inclusive ``{"start", "end"}`` range of ISO dates:
พรุ่งนี้ is one day, สัปดาห์หน้า is next Monday to Sunday, เดือนหน้า the whole of
next month, ม.ค. 2570 the whole of January 2027. Buddhist-era years (2570, 70)
and Christian years (2027) are both understood. A month or day without a year
is the next one to come, unless it ended less than two months ago.

The parts: ``words`` (month and weekday names), ``patterns`` (the phrases, in priority
order), ``calendar_ranges`` (year eras, months, weeks), ``resolve`` (what a phrase means)
and ``finder`` (scanning a message and joining ranges).
"""

from nlu.entities.dates.finder import find_dates

__all__ = ["find_dates"]
