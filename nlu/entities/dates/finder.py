"""Scanning a message for dates: every pattern in turn, the first match of a stretch of text wins."""

from __future__ import annotations

import datetime as dt

from nlu.entities.dates.patterns import ANY_DIGIT, ANY_LATIN, NEED_DIGIT, PATTERNS, RANGE_JOINER
from nlu.entities.dates.resolve import resolve
from nlu.entities.spans import Span


def _as_value(start: dt.date, end: dt.date) -> dict[str, str]:
    return {"start": start.isoformat(), "end": end.isoformat()}


def find_dates(text: str, today: dt.date) -> list[Span]:
    """Date candidates in normalised text. Two dates joined by ถึง / - become one range."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, dt.date, dt.date]] = []
    has_digit = ANY_DIGIT.search(text) is not None
    has_latin = ANY_LATIN.search(text) is not None
    for kind, pattern in PATTERNS:
        if (kind in NEED_DIGIT and not has_digit) or (kind.startswith("en_") and not has_latin):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if start == end or any(start < b and end > a for a, b in taken):
                continue
            resolved = resolve(kind, m, today)
            if resolved is None:
                continue
            while end > start and text[end - 1] == " ":
                end -= 1
            taken.append((start, end))
            found.append((start, end, resolved[0], resolved[1]))
    found.sort()
    merged: list[tuple[int, int, dt.date, dt.date]] = []
    for item in found:
        if merged:
            prev = merged[-1]
            if RANGE_JOINER.match(text[prev[1] : item[0]]) and item[3] >= prev[2]:
                merged[-1] = (prev[0], item[1], prev[2], item[3])
                continue
        merged.append(item)
    return [Span(s, e, "date", _as_value(a, b)) for s, e, a, b in merged]
