"""Month and weekday names in Thai and English, and the checks that a name found in text is one.

Month names come in strong forms (มกราคม, ม.ค., january) that mean a month wherever they appear,
and weak forms (mar, may, มค, ก.พ.) that the patterns accept only next to a day, a year or เดือน.
"""

from __future__ import annotations

import re

from nlu.entities.trie import trie_regex

# month number -> (strong forms, weak forms); weak forms need a day, a year or เดือน around them
_MONTHS: dict[int, tuple[list[str], list[str]]] = {
    1: (["มกราคม", "มกรา", "january", "jan"], []),
    2: (["กุมภาพันธ์", "กุมภาพันธ", "กุมภาพัน", "กุมภา", "february", "feb"], []),
    3: (["มีนาคม", "มีนา", "march"], ["mar"]),
    4: (["เมษายน", "เมษา", "april", "apr"], []),
    5: (["พฤษภาคม", "พฤษภา", "พฤษภ"], ["may"]),
    6: (["มิถุนายน", "มิถุนา", "june", "jun"], []),
    7: (["กรกฎาคม", "กรกฏาคม", "กรกฎา", "กรกฏา", "july", "jul"], []),
    8: (["สิงหาคม", "สิงหา", "august", "aug"], []),
    9: (["กันยายน", "กันยา", "september", "sept", "sep"], []),
    10: (["ตุลาคม", "ตุลา", "october", "oct"], []),
    11: (["พฤศจิกายน", "พฤศจิกา", "พฤศจิ", "november", "nov"], []),
    12: (["ธันวาคม", "ธันวา", "december", "dec"], []),
}
# Thai abbreviations by their two letters; "ก.พ." is also the Civil Service Commission, so it is weak
_ABBREVIATIONS = {
    1: ("ม", "ค"),
    2: ("ก", "พ"),
    3: ("มี", "ค"),
    4: ("เม", "ย"),
    5: ("พ", "ค"),
    6: ("มิ", "ย"),
    7: ("ก", "ค"),
    8: ("ส", "ค"),
    9: ("ก", "ย"),
    10: ("ต", "ค"),
    11: ("พ", "ย"),
    12: ("ธ", "ค"),
}
_WEEKDAYS = {
    0: ["จันทร์", "จันทร", "จัน", "monday"],
    1: ["อังคาร", "tuesday"],
    2: ["พุธ", "wednesday"],
    3: ["พฤหัสบดี", "พฤหัสฯ", "พฤหัส", "พฤหัด", "thursday"],
    4: ["ศุกร์", "ศุกร", "friday"],
    5: ["เสาร์", "เสาร", "saturday"],
    6: ["อาทิตย์", "อาทิตย", "sunday"],
}
_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")


def _month_tables() -> tuple[dict[str, int], dict[str, int]]:
    strong: dict[str, int] = {}
    weak: dict[str, int] = {}
    for month, (forms, weak_forms) in _MONTHS.items():
        strong.update(dict.fromkeys(forms, month))
        weak.update(dict.fromkeys(weak_forms, month))
    for month, (a, b) in _ABBREVIATIONS.items():
        dotted = {f"{a}.{b}.", f"{a}.{b}", f"{a}. {b}.", f"{a}. {b}"}
        (weak if month == 2 else strong).update(dict.fromkeys(dotted, month))
        weak.update(dict.fromkeys((f"{a}{b}", f"{a}{b}."), month))
    return strong, weak


STRONG_MONTHS, WEAK_MONTHS = _month_tables()
_ABBREVIATION_FORMS = frozenset(
    form for table in (STRONG_MONTHS, WEAK_MONTHS) for form in table if len(form.replace(".", "")) <= 3
)
# the named groups the patterns use for a month (strong, weak) and a weekday
MONTH_STRONG = f"(?P<ms>{trie_regex(STRONG_MONTHS)})"
MONTH_WEAK = f"(?P<mw>{trie_regex(WEAK_MONTHS)})"
MONTH_ANY = f"{MONTH_STRONG}|{MONTH_WEAK}"
WEEKDAY_NAMES = {form: wd for wd, forms in _WEEKDAYS.items() for form in forms}
WEEKDAY = f"(?P<wd>{trie_regex(WEEKDAY_NAMES)})"
# bare อาทิตย์นี้ / อาทิตย์หน้า means the week, not Sunday
WEEKDAY_NOT_SUNDAY = f"(?P<wd>{trie_regex(f for f, wd in WEEKDAY_NAMES.items() if wd != 6)})"


def _word_ok(text: str, start: int, end: int) -> bool:
    """A Latin name must be a whole word; an abbreviation without its last dot must not run into Thai."""
    word = text[start:end]
    if word.isascii() and word[:1].isalpha():
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())
    if word in _ABBREVIATION_FORMS and word[-1:] != "." and end < len(text):
        return _THAI_LETTER.match(text, end) is None
    if word == "ตุลา" and text.startswith("การ", end):  # ตุลาการ, the judiciary
        return False
    return True


def month_of(m: re.Match[str]) -> int | None:
    """The month a match names (its ``ms`` or ``mw`` group), or None when the name is not a word there."""
    for group, table in (("ms", STRONG_MONTHS), ("mw", WEAK_MONTHS)):
        word = m.group(group) if group in m.re.groupindex else None
        if word is not None:
            return table[word] if _word_ok(m.string, m.start(group), m.end(group)) else None
    return None


def weekday_of(m: re.Match[str]) -> int | None:
    """The weekday (Monday 0) a match names in its ``wd`` group, or None."""
    word = m.group("wd")
    if word is None or not _word_ok(m.string, m.start("wd"), m.end("wd")):
        return None
    return WEEKDAY_NAMES[word]
