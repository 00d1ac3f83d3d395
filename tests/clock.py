"""The tests' calendar: every date derives from TODAY, whatever day the suite runs on."""

from __future__ import annotations

import datetime as dt

from backend.clock import FrozenClock

TODAY = dt.date(2026, 11, 28)  # a Saturday (the reference date of the NLU contract)
CLOCK = FrozenClock(TODAY)  # 09:00 Bangkok time on TODAY; for service calls made directly by tests


def ticking_clock() -> FrozenClock:
    """09:00 Bangkok time on TODAY, moving on with the time that passes (for running apps and workers)."""
    return FrozenClock(TODAY, tick=True)
