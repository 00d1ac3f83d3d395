"""Quiet hours: no reminder, automatic push or broadcast reaches people between 21:00 and 08:00 Bangkok time."""

from __future__ import annotations

import datetime as dt

from backend.clock import BANGKOK

QUIET_STARTS = dt.time(21, 0)
QUIET_ENDS = dt.time(8, 0)


def in_quiet_hours(moment: dt.datetime) -> bool:
    """Whether `moment` (aware) falls between 21:00 and 08:00 in Bangkok."""
    local = moment.astimezone(BANGKOK).time()
    return local >= QUIET_STARTS or local < QUIET_ENDS


def after_quiet_hours(moment: dt.datetime) -> dt.datetime:
    """`moment` itself, or 08:00 Bangkok time after it when it falls in the night (aware UTC)."""
    if not in_quiet_hours(moment):
        return moment
    local = moment.astimezone(BANGKOK)
    day = local.date() if local.time() < QUIET_ENDS else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, QUIET_ENDS, tzinfo=BANGKOK).astimezone(dt.UTC)
