"""Course codes such as ONDE-AI-001 or DG-2569-015.

A code is two to five segments of Latin letters and digits joined by hyphens,
with at least one all-letter segment and one all-digit segment. Lower-case
input is accepted; the value is upper case.
"""

from __future__ import annotations

import re

from nlu.entities.spans import Span

COURSE_CODE = re.compile(
    r"(?<![a-z0-9-])[a-z0-9]{1,12}(?:-[a-z0-9]{1,12}){1,4}(?![a-z0-9]|-[a-z0-9])", re.IGNORECASE
)
# words with a number that look like codes but are not courses
_NOT_CODES = {
    "covid",
    "iso",
    "windows",
    "office",
    "web",
    "industry",
    "thailand",
    "mp",
    "h",
    "x",
    "gen",
    "rt",
    "pm",
}


def is_course_code(candidate: str) -> bool:
    segments = candidate.split("-")
    if not 2 <= len(segments) <= 5 or len(candidate) < 5:
        return False
    if segments[0].lower() in _NOT_CODES:
        return False
    has_letters = any(s.isalpha() for s in segments)
    has_digits = any(s.isdigit() for s in segments)
    return has_letters and has_digits


def find_course_codes(text: str) -> list[Span]:
    spans = []
    for m in COURSE_CODE.finditer(text):
        if is_course_code(m.group(0)):
            spans.append(Span(m.start(), m.end(), "course_code", m.group(0).upper()))
    return spans
