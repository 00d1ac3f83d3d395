"""Session numbers: รุ่นที่ 2, รุ่น ๓ (digits are already Arabic), รุ่นสอง, รุ่นแรก, batch 4."""

from __future__ import annotations

import re

from nlu.entities.spans import Span

_WORDS = {
    "แรก": 1,
    "หนึ่ง": 1,
    "สอง": 2,
    "สาม": 3,
    "สี่": 4,
    "ห้า": 5,
    "หก": 6,
    "เจ็ด": 7,
    "แปด": 8,
    "เก้า": 9,
    "สิบ": 10,
    "สิบเอ็ด": 11,
    "สิบสอง": 12,
    "สิบสาม": 13,
    "สิบสี่": 14,
    "สิบห้า": 15,
    "สิบหก": 16,
    "สิบเจ็ด": 17,
    "สิบแปด": 18,
    "สิบเก้า": 19,
    "ยี่สิบ": 20,
}
_WORD_ALT = "|".join(sorted(_WORDS, key=len, reverse=True))
_PATTERN = re.compile(
    r"(?:รุ่น\s*(?:ที่)?|รอบ\s*ที่|(?<![a-z])(?:batch|session|gen|class|cohort)\s*(?:no\.?|#)?)\s*"
    r"(?:(?P<num>\d{1,3})(?![\d,]|\.\d)|(?P<word>" + _WORD_ALT + r"))"
)


def find_sessions(text: str) -> list[Span]:
    spans = []
    for m in _PATTERN.finditer(text):
        value = int(m.group("num")) if m.group("num") else _WORDS[m.group("word")]
        if value <= 0:
            continue
        spans.append(Span(m.start(), m.end(), "session_no", value))
    return spans
