"""Answers this process computed a moment ago, for callers that accept them a few seconds old.

The chat bot asks the same questions in bursts (a popular announcement makes thousands of people send the
same search or open the same course at once). Each answer is handed out while it is younger than the
caller's limit. Answers are shared between callers: read them, never change them.
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class RecentAnswers(Generic[T]):
    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._entries: dict[Hashable, tuple[float, T]] = {}

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

    def clear(self) -> None:
        self._entries.clear()
