"""Dates and date ranges in Thai chat, resolved against a reference day.

Every date becomes an inclusive ``{"start", "end"}`` range of ISO dates:
พรุ่งนี้ is one day, สัปดาห์หน้า is next Monday to Sunday, เดือนหน้า the whole of
next month, ม.ค. 2570 the whole of January 2027. Buddhist-era years (2570, 70)
and Christian years (2027) are both understood. A month or day without a year
is the next one to come, unless it ended less than two months ago.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from nlu.entities.spans import Span
from nlu.entities.trie import trie_regex

_RECENT_PAST = dt.timedelta(days=60)

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


_STRONG_MONTHS, _WEAK_MONTHS = _month_tables()
_ABBREVIATION_FORMS = frozenset(
    form for table in (_STRONG_MONTHS, _WEAK_MONTHS) for form in table if len(form.replace(".", "")) <= 3
)
_M_STRONG = f"(?P<ms>{trie_regex(_STRONG_MONTHS)})"
_M_WEAK = f"(?P<mw>{trie_regex(_WEAK_MONTHS)})"
_M_ANY = f"{_M_STRONG}|{_M_WEAK}"
_WEEKDAY_NAMES = {form: wd for wd, forms in _WEEKDAYS.items() for form in forms}
_WD = f"(?P<wd>{trie_regex(_WEEKDAY_NAMES)})"
# bare อาทิตย์นี้ / อาทิตย์หน้า means the week, not Sunday
_WD_NO_SUNDAY = f"(?P<wd>{trie_regex(f for f, wd in _WEEKDAY_NAMES.items() if wd != 6)})"


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


_YEAR = (
    r"(?:\s*,?\s*(?P<era>พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|ปี|b\.?e\.?|c\.?e\.?)?\s*"
    r"(?P<year>(?:19|20|24|25|26)\d\d|\d\d)(?!\d))"
)
_DAY = r"(?<![\d.:/])(?P<day>[0-3]?\d)(?![\d:/])"
_DAY_PREFIX = r"(?:(?:วันที่|วัน|(?<!รุ่น)(?<!รอบ)ที่)\s*)?"
_CONNECT = r"\s*(?:-|~|ถึง(?:วันที่)?|จนถึง(?:วันที่)?|จน(?:ถึง)?|to|until|through)\s*"


# a number right after รุ่น / รอบที่ is a session number, not a day
_NOT_SESSION = "(?<!รุ่น)(?<!รุ่น )(?<!รุ่นที่)(?<!รุ่นที่ )(?<!รอบที่)(?<!รอบที่ )"

_REL_SUFFIX = {
    "นี้": 0,
    "หน้า": 1,
    "ถัดไป": 1,
    "ต่อไป": 1,
    "ที่แล้ว": -1,
    "ก่อน": -1,
    "ที่ผ่านมา": -1,
    "this": 0,
    "next": 1,
    "last": -1,
}
_REL = r"(?P<rel>นี้|หน้า|ถัดไป|ต่อไป|ที่แล้ว|ที่ผ่านมา|ก่อน)"
_EN_REL = r"(?<![a-z])(?P<erel>this|next|last)\s+"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")),
    (
        "dmy_num",
        re.compile(_DAY_PREFIX + r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
    ),
    (
        "day_range_month",
        re.compile(
            _DAY_PREFIX
            + _NOT_SESSION
            + r"(?<![\d.:/])(?P<d1>[0-3]?\d)"
            + _CONNECT
            + r"(?P<d2>[0-3]?\d)\s*(?:เดือน\s*)?(?:"
            + _M_ANY
            + ")"
            + _YEAR
            + "?"
        ),
    ),
    (
        "day_month_rel_year",
        re.compile(_DAY_PREFIX + _NOT_SESSION + _DAY + r"\s*(?:เดือน\s*)?(?:" + _M_ANY + r")\s*ปี\s*" + _REL),
    ),
    (
        "day_month",
        re.compile(_DAY_PREFIX + _NOT_SESSION + _DAY + r"\s*(?:เดือน\s*)?(?:" + _M_ANY + ")" + _YEAR + "?"),
    ),
    # a month and a relative year are one month: มีนาปีหน้า, ธ.ค. ปีนี้, เดือนมกราคมปีที่แล้ว
    ("month_rel_year", re.compile(r"(?:เดือน\s*)?(?:" + _M_ANY + r")\s*ปี\s*" + _REL)),
    (
        "part_month",
        re.compile(r"(?P<part>ต้น|กลาง|ปลาย|สิ้น|ท้าย)\s*(?:เดือน\s*)?(?:" + _M_STRONG + ")" + _YEAR + "?"),
    ),
    ("part_rel_month", re.compile(r"(?P<part>ต้น|กลาง|ปลาย|สิ้น|ท้าย)\s*เดือน\s*" + _REL)),
    ("month_year", re.compile(r"(?:เดือน\s*)?(?:" + _M_ANY + ")" + _YEAR)),
    ("month", re.compile(r"(?:เดือน\s*)?(?:" + _M_STRONG + r")|เดือน\s*(?:" + _M_WEAK + ")")),
    ("fiscal_year", re.compile(r"ปีงบ(?:ประมาณ)?\s*(?:พ\.?\s?ศ\.?)?\s*(?P<year>\d{4}|\d\d)(?!\d)")),
    ("year", re.compile(r"(?P<era>ปี|พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*(?P<year>(?:19|20|24|25|26)\d\d)(?!\d)")),
    ("day_only", re.compile(r"วันที่\s*(?P<day>[0-3]?\d)(?![\d/:.])")),
    ("today", re.compile(r"(?<!ทุก)วันนี้|(?<![a-z])today(?![a-z])")),
    ("tomorrow", re.compile(r"พรุ่งนี้|พรุ้งนี้|พุ่งนี้|พรุ่งนี|(?<![a-z])tomorrow(?![a-z])")),
    ("day_after_tomorrow", re.compile(r"มะรืน(?:นี้)?")),
    ("yesterday", re.compile(r"เมื่อวาน(?:นี้)?|(?<![a-z])yesterday(?![a-z])")),
    ("weekend", re.compile(r"(?:วันหยุด)?(?:สุดสัปดาห์|เสาร์\s*-?\s*อาทิตย์|ส-อา)\s*" + _REL + "?")),
    ("en_weekend", re.compile(_EN_REL + r"weekend(?![a-z])")),
    ("weekday_rel", re.compile(r"วัน(?:" + _WD + r")\s*" + _REL)),
    ("weekday_rel", re.compile(r"(?:" + _WD_NO_SUNDAY + r")\s*" + _REL)),
    ("weekday", re.compile(r"วัน(?:" + _WD + ")")),
    ("week", re.compile(r"(?:สัปดาห์|สัปดาห|อาทิตย์|อาทิตย|วีค)\s*" + _REL)),
    ("en_week", re.compile(_EN_REL + r"week(?![a-z])")),
    ("rel_month", re.compile(r"เดือน\s*" + _REL)),
    ("en_month", re.compile(_EN_REL + r"month(?![a-z])")),
    ("rel_year", re.compile(r"ปี\s*" + _REL)),
    ("en_year", re.compile(_EN_REL + r"year(?![a-z])")),
    ("within", re.compile(r"ภายใน\s*(?P<n>\d{1,3})\s*(?P<unit>วัน|สัปดาห์|อาทิตย์|เดือน)")),
    ("ahead", re.compile(r"อีก\s*(?P<n>\d{1,3})\s*(?P<unit>วัน|สัปดาห์|อาทิตย์|เดือน)(?:ข้างหน้า)?")),
]
# patterns that cannot match without a digit or a Latin letter are skipped on texts without them
_NEED_DIGIT = frozenset(
    {
        "iso",
        "dmy_num",
        "day_range_month",
        "day_month",
        "month_year",
        "fiscal_year",
        "year",
        "day_only",
        "within",
        "ahead",
    }
)
_ANY_DIGIT = re.compile(r"\d")
_ANY_LATIN = re.compile("[a-z]")
_MERGE = re.compile(r"^\s*(?:-|~|–|ถึง|จนถึง|จน|ไปจนถึง|to|until)\s*$")


def _month_of(m: re.Match[str]) -> int | None:
    for group, table in (("ms", _STRONG_MONTHS), ("mw", _WEAK_MONTHS)):
        word = m.group(group) if group in m.re.groupindex else None
        if word is not None:
            return table[word] if _word_ok(m.string, m.start(group), m.end(group)) else None
    return None


def _weekday_of(m: re.Match[str]) -> int | None:
    word = m.group("wd")
    if word is None or not _word_ok(m.string, m.start("wd"), m.end("wd")):
        return None
    return _WEEKDAY_NAMES[word]


def _year(raw: str | None, era: str | None) -> int | None:
    """A Christian-era year from what the user typed (2570, 2027, 70, ค.ศ. 27)."""
    if raw is None:
        return None
    y = int(raw)
    era = (era or "").replace(".", "").replace(" ", "")
    if len(raw) == 2:
        if era in ("คศ", "ce"):
            y += 2000
        elif era in ("พศ", "ปี", "be") or y >= 60:
            y += 2500
        else:
            return None  # "ธ.ค. 15" is more likely a count than the year 2015
    if y >= 2400:
        y -= 543
    if not 1900 <= y <= 2200:
        return None
    return y


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _guess_year_for_month(month: int, today: dt.date) -> int:
    year = today.year
    if _month_range(year, month)[1] < today - _RECENT_PAST:
        year += 1
    return year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_in_month(year: int | None, month: int, day: int, today: dt.date) -> dt.date | None:
    if year is not None:
        return _safe_date(year, month, day)
    candidate = _safe_date(today.year, month, day)
    if candidate is None:
        return _safe_date(today.year + 1, month, day)
    if candidate < today - _RECENT_PAST:
        return _safe_date(today.year + 1, month, day)
    return candidate


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _part(part: str, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    if part == "ต้น":
        return start, start.replace(day=10)
    if part == "กลาง":
        return start.replace(day=11), start.replace(day=20)
    return start.replace(day=21), end


def _rel(m: re.Match[str]) -> int:
    groups = m.groupdict()
    if groups.get("erel"):
        return _REL_SUFFIX[groups["erel"]]
    if groups.get("rel"):
        return _REL_SUFFIX[groups["rel"]]
    return 0


def _resolve(kind: str, m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date] | None:
    g = m.groupdict()
    if kind in ("iso", "dmy_num"):
        year = _year(g["y"], None)
        if year is None:
            return None
        day = _safe_date(year, int(g["m"]), int(g["d"]))
        return (day, day) if day else None
    if kind in ("day_month_rel_year", "month_rel_year"):
        month = _month_of(m)
        if month is None:
            return None
        year = today.year + _rel(m)
        if kind == "day_month_rel_year":
            day = _safe_date(year, month, int(g["day"]))
            return (day, day) if day else None
        return _month_range(year, month)
    if kind in ("day_range_month", "day_month", "part_month", "month_year", "month"):
        month = _month_of(m)
        if month is None:
            return None
        year = _year(g.get("year"), g.get("era"))
        if kind == "month_year" and year is None:
            return None
        if kind == "day_month":
            day = _day_in_month(year, month, int(g["day"]), today)
            return (day, day) if day else None
        if kind == "day_range_month":
            first = _day_in_month(year, month, int(g["d1"]), today)
            last = _day_in_month(year, month, int(g["d2"]), today)
            if first is None or last is None:
                return None
            if last < first:
                last = _safe_date(first.year, month, int(g["d2"]))
                if last is None or last < first:
                    return None
            return first, last
        start, end = _month_range(year if year is not None else _guess_year_for_month(month, today), month)
        if kind == "part_month":
            return _part(g["part"], start, end)
        return start, end
    if kind == "part_rel_month":
        y, mo = _shift_month(today.year, today.month, _rel(m))
        return _part(g["part"], *_month_range(y, mo))
    if kind == "fiscal_year":
        year = _year(g["year"], "พศ")
        if year is None:
            return None
        return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)
    if kind == "year":
        year = _year(g["year"], g["era"])
        return (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else None
    if kind == "day_only":
        day_no = int(g["day"])
        candidate = _safe_date(today.year, today.month, day_no)
        if candidate is not None and candidate >= today:
            return candidate, candidate
        y, mo = _shift_month(today.year, today.month, 1)
        candidate = _safe_date(y, mo, day_no)
        return (candidate, candidate) if candidate else None
    if kind == "today":
        return today, today
    if kind == "tomorrow":
        day = today + dt.timedelta(days=1)
        return day, day
    if kind == "day_after_tomorrow":
        day = today + dt.timedelta(days=2)
        return day, day
    if kind == "yesterday":
        day = today - dt.timedelta(days=1)
        return day, day
    if kind in ("weekend", "en_weekend"):
        monday, _ = _week_of(today + dt.timedelta(weeks=_rel(m)))
        saturday = monday + dt.timedelta(days=5)
        return saturday, saturday + dt.timedelta(days=1)
    if kind in ("weekday_rel", "weekday"):
        weekday = _weekday_of(m)
        if weekday is None:
            return None
        rel = _rel(m) if kind == "weekday_rel" else 0
        if rel == 0:
            day = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
        else:
            monday, _ = _week_of(today + dt.timedelta(weeks=rel))
            day = monday + dt.timedelta(days=weekday)
        return day, day
    if kind in ("week", "en_week"):
        return _week_of(today + dt.timedelta(weeks=_rel(m)))
    if kind in ("rel_month", "en_month"):
        return _month_range(*_shift_month(today.year, today.month, _rel(m)))
    if kind in ("rel_year", "en_year"):
        year = today.year + _rel(m)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind in ("within", "ahead"):
        n = int(g["n"])
        unit = g["unit"]
        if kind == "within":
            if unit == "วัน":
                return today, today + dt.timedelta(days=n)
            if unit in ("สัปดาห์", "อาทิตย์"):
                return today, today + dt.timedelta(weeks=n)
            y, mo = _shift_month(today.year, today.month, n)
            return today, _safe_date(y, mo, min(today.day, calendar.monthrange(y, mo)[1])) or today
        if unit == "วัน":
            day = today + dt.timedelta(days=n)
            return day, day
        if unit in ("สัปดาห์", "อาทิตย์"):
            return _week_of(today + dt.timedelta(weeks=n))
        return _month_range(*_shift_month(today.year, today.month, n))
    return None  # pragma: no cover


def _as_value(start: dt.date, end: dt.date) -> dict[str, str]:
    return {"start": start.isoformat(), "end": end.isoformat()}


def find_dates(text: str, today: dt.date) -> list[Span]:
    """Date candidates in normalised text. Two dates joined by ถึง / - become one range."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, dt.date, dt.date]] = []
    has_digit = _ANY_DIGIT.search(text) is not None
    has_latin = _ANY_LATIN.search(text) is not None
    for kind, pattern in _PATTERNS:
        if (kind in _NEED_DIGIT and not has_digit) or (kind.startswith("en_") and not has_latin):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if start == end or any(start < b and end > a for a, b in taken):
                continue
            resolved = _resolve(kind, m, today)
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
            if _MERGE.match(text[prev[1] : item[0]]) and item[3] >= prev[2]:
                merged[-1] = (prev[0], item[1], prev[2], item[3])
                continue
        merged.append(item)
    return [Span(s, e, "date", _as_value(a, b)) for s, e, a, b in merged]
