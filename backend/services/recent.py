"""Answers this process computed a moment ago, for callers that accept them a few seconds old.

The chat bot asks the same questions in bursts (a popular announcement makes thousands of people send the
same search or open the same course at once). Each answer is handed out while it is younger than the
caller's limit, and callers that ask while it is being computed wait for that one computation instead of
starting their own. Answers are shared between callers: read them, never change them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class RecentAnswers(Generic[T]):
    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._entries: dict[Hashable, tuple[float, T]] = {}
        self._pending: dict[Hashable, asyncio.Future[T]] = {}
        self._generation = 0

    def get(self, key: Hashable, *, max_age_seconds: float) -> T | None:
        """The answer kept for key if younger than max_age_seconds."""
        entry = self._entries.get(key)
        if entry is None or time.monotonic() - entry[0] > max_age_seconds:
            return None
        return entry[1]

    def put(self, key: Hashable, value: T, *, max_age_seconds: float) -> None:
        now = time.monotonic()
        if len(self._entries) >= self.max_entries:
            stale = [k for k, (at, _) in self._entries.items() if now - at > max_age_seconds]
            for k in stale or list(self._entries):
                del self._entries[k]
        self._entries[key] = (now, value)

    async def get_or_compute(self, key: Hashable, compute: Callable[[], Awaitable[T]], *,
                             max_age_seconds: float) -> T:
        """The kept answer if young enough, else the answer of `compute()`, run once for everyone asking
        meanwhile (one caller giving up does not cancel it for the others; a failure reaches them all)."""
        found = self.get(key, max_age_seconds=max_age_seconds)
        if found is not None:
            return found
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._compute(key, compute, max_age_seconds, self._generation))
            pending.add_done_callback(_consume_exception)
            self._pending[key] = pending
        return await asyncio.shield(pending)

    async def _compute(self, key: Hashable, compute: Callable[[], Awaitable[T]], max_age_seconds: float,
                       generation: int) -> T:
        try:
            value = await compute()
            if generation == self._generation:  # not computed from data cleared meanwhile
                self.put(key, value, max_age_seconds=max_age_seconds)
            return value
        finally:
            if self._pending.get(key) is asyncio.current_task():
                del self._pending[key]

    def clear(self) -> None:
        """Forget every answer; computations under way finish for their callers but are not kept."""
        self._entries.clear()
        self._pending.clear()
        self._generation += 1


def _consume_exception(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()  # the callers get it; nobody left waiting is not an error worth a warning
