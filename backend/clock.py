"""The one clock: Bangkok's date and time for every part of the product.

Nothing else reads the machine's clock. The composition root builds a `SystemClock` and hands it on (the
runtime, FastAPI dependencies, the bot's context); services that depend on time take `clock=` as a
keyword argument. Tests and benchmarks hand in a `FrozenClock` set to a fixed moment, so that nothing
depends on the day they run.
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


class Clock:
    """Now, in Asia/Bangkok. Subclasses give `now()`; the rest derives from it."""

    tz: ZoneInfo = BANGKOK

    def now(self) -> dt.datetime:
        """The current moment, time-zone aware, in Bangkok time."""
        raise NotImplementedError

    def today(self) -> dt.date:
        """Bangkok's calendar date (what users call today)."""
        return self.now().date()

    def utcnow(self) -> dt.datetime:
        """The current moment as aware UTC (for timestamps stored in the database)."""
        return self.now().astimezone(dt.UTC)

    def timestamp(self) -> float:
        """Seconds since the epoch (signed links, reply-token ages)."""
        return self.now().timestamp()


class SystemClock(Clock):
    """The machine's clock: the only place the product reads it."""

    def now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(time.time(), tz=self.tz)  # real clock

    def utcnow(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(time.time(), tz=dt.UTC)  # real clock (no detour through Bangkok)

    def timestamp(self) -> float:
        return time.time()  # real clock


class FrozenClock(Clock):
    """A clock set to a fixed moment, for tests, benchmarks and demos.

    With `tick=True` it moves on with the real time that passes after it was set (so that timeouts and
    ages still work), without ever reading the machine's date: only a monotonic timer.
    """

    def __init__(self, moment: dt.datetime | dt.date, *, tick: bool = False) -> None:
        self._tick = tick
        self._origin = 0.0
        self._moment = self._aware(moment)
        self.set(self._moment)

    def _aware(self, moment: dt.datetime | dt.date) -> dt.datetime:
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, dt.time(9, 0))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        return moment.astimezone(self.tz)

    def now(self) -> dt.datetime:
        if not self._tick:
            return self._moment
        return self._moment + dt.timedelta(seconds=time.monotonic() - self._origin)

    def set(self, moment: dt.datetime | dt.date) -> dt.datetime:
        """Move the clock to `moment` (a date means 09:00 Bangkok time on it); returns the new now."""
        self._moment = self._aware(moment)
        self._origin = time.monotonic()
        return self._moment

    def advance(self, delta: dt.timedelta) -> dt.datetime:
        return self.set(self.now() + delta)

    def on(self, day: dt.date) -> FrozenClock:
        """A frozen clock at the same time of day on another date (to look at things from another day)."""
        return FrozenClock(dt.datetime.combine(day, self.now().timetz()))
