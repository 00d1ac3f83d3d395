"""The regular expressions that find date phrases, tried in this order (earlier kinds win overlaps).

Each pattern has a kind that tells :func:`nlu.entities.dates.resolve.resolve` how to read its groups.
"""

from __future__ import annotations

import re

from nlu.entities.dates.words import MONTH_ANY, MONTH_STRONG, MONTH_WEAK, WEEKDAY, WEEKDAY_NOT_SUNDAY

_YEAR = (
    r"(?:\s*,?\s*(?P<era>พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|ปี|b\.?e\.?|c\.?e\.?)?\s*"
    r"(?P<year>(?:19|20|24|25|26)\d\d|\d\d)(?!\d))"
)
_DAY = r"(?<![\d.:/])(?P<day>[0-3]?\d)(?![\d:/])"
_DAY_PREFIX = r"(?:(?:วันที่|วัน|(?<!รุ่น)(?<!รอบ)ที่)\s*)?"
_CONNECT = r"\s*(?:-|~|ถึง(?:วันที่)?|จนถึง(?:วันที่)?|จน(?:ถึง)?|to|until|through)\s*"


# a number right after รุ่น / รอบที่ is a session number, not a day
_NOT_SESSION = "(?<!รุ่น)(?<!รุ่น )(?<!รุ่นที่)(?<!รุ่นที่ )(?<!รอบที่)(?<!รอบที่ )"

# the word after นี้ / หน้า / ที่แล้ว … (group rel) or before this / next / last (group erel) -> offset
REL_SUFFIX = {
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

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
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
            + MONTH_ANY
            + ")"
            + _YEAR
            + "?"
        ),
    ),
    (
        "day_month_rel_year",
        re.compile(_DAY_PREFIX + _NOT_SESSION + _DAY + r"\s*(?:เดือน\s*)?(?:" + MONTH_ANY + r")\s*ปี\s*" + _REL),
    ),
    (
        "day_month",
        re.compile(_DAY_PREFIX + _NOT_SESSION + _DAY + r"\s*(?:เดือน\s*)?(?:" + MONTH_ANY + ")" + _YEAR + "?"),
    ),
    # a month and a relative year are one month: มีนาปีหน้า, ธ.ค. ปีนี้, เดือนมกราคมปีที่แล้ว
    ("month_rel_year", re.compile(r"(?:เดือน\s*)?(?:" + MONTH_ANY + r")\s*ปี\s*" + _REL)),
    (
        "part_month",
        re.compile(r"(?P<part>ต้น|กลาง|ปลาย|สิ้น|ท้าย)\s*(?:เดือน\s*)?(?:" + MONTH_STRONG + ")" + _YEAR + "?"),
    ),
    ("part_rel_month", re.compile(r"(?P<part>ต้น|กลาง|ปลาย|สิ้น|ท้าย)\s*เดือน\s*" + _REL)),
    ("month_year", re.compile(r"(?:เดือน\s*)?(?:" + MONTH_ANY + ")" + _YEAR)),
    ("month", re.compile(r"(?:เดือน\s*)?(?:" + MONTH_STRONG + r")|เดือน\s*(?:" + MONTH_WEAK + ")")),
    ("fiscal_year", re.compile(r"ปีงบ(?:ประมาณ)?\s*(?:พ\.?\s?ศ\.?)?\s*(?P<year>\d{4}|\d\d)(?!\d)")),
    ("year", re.compile(r"(?P<era>ปี|พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*(?P<year>(?:19|20|24|25|26)\d\d)(?!\d)")),
    ("day_only", re.compile(r"วันที่\s*(?P<day>[0-3]?\d)(?![\d/:.])")),
    ("today", re.compile(r"(?<!ทุก)วันนี้|(?<![a-z])today(?![a-z])")),
    ("tomorrow", re.compile(r"พรุ่งนี้|พรุ้งนี้|พุ่งนี้|พรุ่งนี|(?<![a-z])tomorrow(?![a-z])")),
    ("day_after_tomorrow", re.compile(r"มะรืน(?:นี้)?")),
    ("yesterday", re.compile(r"เมื่อวาน(?:นี้)?|(?<![a-z])yesterday(?![a-z])")),
    ("weekend", re.compile(r"(?:วันหยุด)?(?:สุดสัปดาห์|เสาร์\s*-?\s*อาทิตย์|ส-อา)\s*" + _REL + "?")),
    ("en_weekend", re.compile(_EN_REL + r"weekend(?![a-z])")),
    ("weekday_rel", re.compile(r"วัน(?:" + WEEKDAY + r")\s*" + _REL)),
    ("weekday_rel", re.compile(r"(?:" + WEEKDAY_NOT_SUNDAY + r")\s*" + _REL)),
    ("weekday", re.compile(r"วัน(?:" + WEEKDAY + ")")),
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
NEED_DIGIT = frozenset(
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
ANY_DIGIT = re.compile(r"\d")
ANY_LATIN = re.compile("[a-z]")
# what may stand between two dates that make one range
RANGE_JOINER = re.compile(r"^\s*(?:-|~|–|ถึง|จนถึง|จน|ไปจนถึง|to|until)\s*$")
