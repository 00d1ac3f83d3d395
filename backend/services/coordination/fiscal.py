"""The Thai government fiscal year (ปีงบประมาณ): 1 October to 30 September, named by the Buddhist-era year it
ends in (1 Oct 2026 - 30 Sep 2027 is ปีงบประมาณ 2570)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backend.thai_dates import BUDDHIST_ERA_OFFSET


@dataclass(frozen=True)
class FiscalYear:
    start: dt.date
    end: dt.date

    @property
    def year_be(self) -> int:
        return self.end.year + BUDDHIST_ERA_OFFSET

    @property
    def label_th(self) -> str:
        return f"ปีงบประมาณ {self.year_be}"


def fiscal_year_of(day: dt.date) -> FiscalYear:
    """The fiscal year a day falls in."""
    end_year = day.year + 1 if day.month >= 10 else day.year
    return FiscalYear(start=dt.date(end_year - 1, 10, 1), end=dt.date(end_year, 9, 30))


def fiscal_year_be(year_be: int) -> FiscalYear:
    """ปีงบประมาณ `year_be` (e.g. 2570)."""
    end_year = year_be - BUDDHIST_ERA_OFFSET
    return FiscalYear(start=dt.date(end_year - 1, 10, 1), end=dt.date(end_year, 9, 30))
