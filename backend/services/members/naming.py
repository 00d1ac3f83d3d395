"""Official names (คำนำหน้า + ชื่อ + นามสกุล), the names certificates carry instead of LINE display names:
checked, written the way Thai documents write them, and read from what a member types (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from backend.services.errors import ValidationFailed

TITLE_MAX = 60
NAME_MAX = 100
# Titles written without a space before the first name (นายสมชาย); abbreviations ending in "." are too
# (ดร.สมชาย, พ.ต.อ.สมชาย). Any other title, such as ว่าที่ร้อยตรี, is followed by a space.
ATTACHED_TITLES = frozenset({"นาย", "นาง", "นางสาว"})
# The titles offered as choices (chat quick replies, the survey form's list); any other can be typed.
COMMON_TITLES = ("นาย", "นาง", "นางสาว", "ว่าที่ร้อยตรี", "ดร.", "ผศ.", "รศ.", "ศ.")
# Titles recognised at the start of a typed full name, longest first so that นางสาว is not read as นาง.
KNOWN_TITLES = tuple(sorted({
    "นาย", "นาง", "นางสาว", "ดร.", "ว่าที่ร้อยตรี", "ว่าที่ร้อยตรีหญิง", "ว่าที่ ร.ต.", "ว่าที่ ร.ต.หญิง", "ศ.",
    "รศ.", "ผศ.", "ศ.ดร.", "รศ.ดร.", "ผศ.ดร.", "ศาสตราจารย์", "รองศาสตราจารย์", "ผู้ช่วยศาสตราจารย์",
}, key=len, reverse=True))
# Besides letters of any script and Thai vowels and tone marks (combining marks): these.
_PUNCTUATION = frozenset(" .-'’()")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class OfficialName:
    title: str
    first_name: str
    last_name: str

    @property
    def full(self) -> str:
        """As documents write it: นางสาวน้ำผึ้ง ใจดี, ดร.สมชาย ใจดี, ว่าที่ร้อยตรี สมชาย ใจดี."""
        return full_official_name(self.title, self.first_name, self.last_name)


def full_official_name(title: str, first_name: str, last_name: str) -> str:
    """The name as printed; empty when the first or last name is missing."""
    if not first_name or not last_name:
        return ""
    joiner = "" if not title or title in ATTACHED_TITLES or title.endswith(".") else " "
    return f"{title}{joiner}{first_name} {last_name}"


def _tidy(value: str | None) -> str:
    return _SPACES.sub(" ", (value or "").strip())


def _problem(value: str, limit: int, *, required: bool = True) -> str | None:
    if not value:
        return "required" if required else None
    if len(value) > limit:
        return f"at most {limit} characters"
    allowed = all(ch.isalpha() or ch in _PUNCTUATION or unicodedata.category(ch).startswith("M") for ch in value)
    if not allowed or not value[0].isalpha():
        return "letters only"
    return None


FIELD_MESSAGES_TH = {
    "official_title": "กรุณาระบุคำนำหน้าชื่อ (ตัวอักษรไม่เกิน 60 ตัว ไม่มีตัวเลข)",
    "official_first_name": "กรุณาระบุชื่อ (ตัวอักษรไม่เกิน 100 ตัว ไม่มีตัวเลข)",
    "official_last_name": "กรุณาระบุนามสกุล (ตัวอักษรไม่เกิน 100 ตัว ไม่มีตัวเลข)",
}


_LIMITS = {"official_title": TITLE_MAX, "official_first_name": NAME_MAX, "official_last_name": NAME_MAX}


def official_name_part_error(field: str, value: str | None) -> str | None:
    """What is wrong with one part (official_title, official_first_name or official_last_name), in Thai;
    None when it is acceptable (a conversation checks each part as it is typed)."""
    return FIELD_MESSAGES_TH[field] if _problem(_tidy(value), _LIMITS[field]) else None


def clean_official_name(title: str | None, first_name: str | None, last_name: str | None) -> OfficialName:
    """The three parts with spaces tidied. Raises ValidationFailed naming each wrong part (fields
    official_title, official_first_name, official_last_name; `message_th` says what to fix)."""
    name = OfficialName(_tidy(title), _tidy(first_name), _tidy(last_name))
    errors = []
    for field, value, limit in (("official_title", name.title, TITLE_MAX),
                                ("official_first_name", name.first_name, NAME_MAX),
                                ("official_last_name", name.last_name, NAME_MAX)):
        reason = _problem(value, limit)
        if reason:
            errors.append({"field": field, "reason": reason})
    if errors:
        raise ValidationFailed("invalid official name", errors=errors,
                               message_th=" ".join(FIELD_MESSAGES_TH[e["field"]] for e in errors))
    return name


def split_title(text: str) -> tuple[str, str]:
    """A known title at the start of `text` and the rest: ("นางสาว", "น้ำผึ้ง ใจดี"); ("", text) without one."""
    typed = _tidy(text)
    for title in KNOWN_TITLES:
        if typed.startswith(title) and len(typed) > len(title):
            return title, typed[len(title):].strip()
    return "", typed


def split_first_and_last(text: str) -> tuple[str, str]:
    """"สมหญิง ใจดี" → ("สมหญิง", "ใจดี"); the surname keeps its own spaces ("ทองดี ณ อยุธยา")."""
    first, _, last = _tidy(text).partition(" ")
    return first, last.strip()
