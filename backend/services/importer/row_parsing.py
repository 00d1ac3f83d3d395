"""Turning the raw cells of one row into typed course and session fields: Buddhist-era and Thai-month
dates, numbers with units, framework codes from Thai names, yes/no in Thai."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from backend import labels
from backend.services.framework import Vocabulary
from backend.services.input_errors import field_th
from backend.services.provinces import canonical_province
from backend.services.text import normalize

COURSE_FIELDS = (
    "code", "title_th", "title_en", "provider", "description", "topics", "skill_areas", "target_groups", "hours",
    "modality", "fee", "certification_no", "certified_on", "certification_expires", "status",
)
SESSION_FIELDS = (
    "session_no", "start_date", "end_date", "province", "online", "venue", "capacity", "registration_opens",
    "registration_closes",
)

MODALITY_WORDS = {
    "online": "online", "ออนไลน์": "online", "e-learning": "online", "elearning": "online",
    "onsite": "onsite", "on-site": "onsite", "ในสถานที่": "onsite", "ห้องเรียน": "onsite", "ชั้นเรียน": "onsite",
    "hybrid": "hybrid", "ผสมผสาน": "hybrid", "ผสม": "hybrid", "ไฮบริด": "hybrid",
}
STATUS_WORDS = {
    "active": "active", "ใช้งาน": "active", "เปิด": "active", "รับรอง": "active",
    "draft": "draft", "ร่าง": "draft",
    "retired": "retired", "ยกเลิก": "retired", "เลิก": "retired", "หมดอายุ": "retired",
}
TRUE_WORDS = {"1", "true", "yes", "y", "ใช่", "ออนไลน์", "online", "✓", "x"}
FALSE_WORDS = {"", "0", "false", "no", "n", "ไม่", "ไม่ใช่", "onsite"}
THAI_MONTHS = {
    m: i + 1 for i, names in enumerate([
        ("ม.ค.", "มกราคม"), ("ก.พ.", "กุมภาพันธ์"), ("มี.ค.", "มีนาคม"), ("เม.ย.", "เมษายน"), ("พ.ค.", "พฤษภาคม"),
        ("มิ.ย.", "มิถุนายน"), ("ก.ค.", "กรกฎาคม"), ("ส.ค.", "สิงหาคม"), ("ก.ย.", "กันยายน"), ("ต.ค.", "ตุลาคม"),
        ("พ.ย.", "พฤศจิกายน"), ("ธ.ค.", "ธันวาคม"),
    ]) for m in names
}
_LIST_SPLIT = re.compile(r"[,;|/\n]+")
DATE_FORMS_TH = "ใช้รูปแบบ 1/12/2569, 1 ธ.ค. 2569 หรือ 2026-12-01"
WHAT_TH = {"topics": "หัวข้อ", "target_groups": "กลุ่มเป้าหมาย", "skill_areas": "ด้านทักษะ"}
CHOICE_NAMES_TH = {**labels.MODALITY, **labels.COURSE_STATUS}


def column_problem(field: str, reason: str) -> str:
    """A reason a row was refused, naming its column in Thai: คอลัมน์ วันเริ่มอบรม: อ่านวันที่ไม่ได้ ..."""
    return f"คอลัมน์ {field_th(field)}: {reason}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def parse_date(value: Any) -> dt.date:
    """ISO (2026-12-01), day/month/year with Buddhist-era or Christian years (1/12/2569), Thai month names
    (1 ธ.ค. 2569), or a date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = _text(value)
    if not raw:
        raise ValueError("ไม่ได้ระบุวันที่")
    raw = raw.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    year: int
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", raw):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})\s*([^\d\s]+)\s*(\d{4})", raw):
        month_no = THAI_MONTHS.get(m[2].strip()) or THAI_MONTHS.get(m[2].strip() + ".")
        if month_no is None:
            raise ValueError(f"ไม่รู้จักเดือน \"{m[2]}\" {DATE_FORMS_TH}")
        day, month, year = int(m[1]), month_no, int(m[3])
    else:
        raise ValueError(f"อ่านวันที่ \"{raw}\" ไม่ได้ {DATE_FORMS_TH}")
    if year > 2400:  # Buddhist era
        year -= 543
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"ไม่มีวันที่ \"{raw}\" ในปฏิทิน") from exc


def parse_number(value: Any, *, what: str) -> Decimal:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    raw = _text(value).replace(",", "")
    if raw in ("ฟรี", "free", "ไม่มีค่าใช้จ่าย", "-") and what == "fee":
        return Decimal(0)
    raw = re.sub(r"(ชั่วโมง|ชม\.?|hours?|hrs?|บาท|baht|thb|คน|ที่นั่ง)$", "", raw, flags=re.IGNORECASE).strip()
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"\"{_text(value)}\" ไม่ใช่ตัวเลข") from None


def _code_lookup(table: dict[str, Any], with_keywords: bool) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for code, item in table.items():
        names = [code, item.name_th, item.name_en, *(item.keywords if with_keywords else ())]
        for name in names:
            key = normalize(name).replace(" ", "")
            if key:
                lookup.setdefault(key, code)
    return lookup


def parse_codes(value: Any, table: dict[str, Any], *, what: str, with_keywords: bool = True) -> list[str]:
    """Codes from "ai, data" or Thai names/keywords "ปัญญาประดิษฐ์; วิเคราะห์ข้อมูล"."""
    lookup = _code_lookup(table, with_keywords)
    codes: list[str] = []
    for part in _LIST_SPLIT.split(_text(value)):
        if not part.strip():
            continue
        code = lookup.get(normalize(part).replace(" ", ""))
        if code is None:
            raise ValueError(f"ไม่รู้จัก{WHAT_TH.get(what, '')} \"{part.strip()}\"")
        codes.append(code)
    return list(dict.fromkeys(codes))


def _choice(value: Any, words: dict[str, str], *, what: str) -> str:
    raw = _text(value).lower()
    if raw in words:
        return words[raw]
    allowed = ", ".join(CHOICE_NAMES_TH.get(v, v) for v in dict.fromkeys(words.values()))
    raise ValueError(f"\"{_text(value)}\" ไม่ใช่ค่าที่ใช้ได้ ({allowed})")


def _bool(value: Any) -> bool:
    raw = _text(value).lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ValueError(f"\"{_text(value)}\" ไม่ใช่ ใช่ หรือ ไม่ใช่")


@dataclass
class ParsedRow:
    row: int
    code: str
    course: dict[str, Any]
    session: dict[str, Any] | None


def parse_row(row: int, raw: dict[str, Any], vocab: Vocabulary) -> tuple[ParsedRow, list[str]]:
    """Turn raw cell values into typed course/session fields, with the reasons for cells it could not read."""
    reasons: list[str] = []
    course: dict[str, Any] = {}
    code = _text(raw.get("code"))
    if not code:
        reasons.append(column_problem("code", "ไม่ได้ระบุรหัสหลักสูตร"))
    course["code"] = code

    def attempt(name: str, fn: Any) -> None:
        value = raw.get(name)
        if value is None or _text(value) == "":
            return
        try:
            course[name] = fn(value)
        except ValueError as exc:
            reasons.append(column_problem(name, str(exc)))

    for name in ("title_th", "title_en", "provider", "description", "certification_no"):
        attempt(name, _text)
    attempt("topics", lambda v: parse_codes(v, vocab.topics, what="topics"))
    attempt("target_groups", lambda v: parse_codes(v, vocab.target_groups, what="target_groups"))
    attempt("skill_areas", lambda v: parse_codes(v, vocab.skill_areas, what="skill_areas", with_keywords=False))
    attempt("hours", lambda v: parse_number(v, what="hours"))
    attempt("fee", lambda v: parse_number(v, what="fee"))
    attempt("modality", lambda v: _choice(v, MODALITY_WORDS, what="modality"))
    attempt("status", lambda v: _choice(v, STATUS_WORDS, what="status"))
    attempt("certified_on", parse_date)
    attempt("certification_expires", parse_date)

    session: dict[str, Any] | None = None
    if any(_text(raw.get(name)) for name in SESSION_FIELDS):
        session = {}
        for name, fn in (("session_no", lambda v: int(parse_number(v, what="session_no"))),
                         ("start_date", parse_date), ("end_date", parse_date),
                         ("registration_opens", parse_date), ("registration_closes", parse_date),
                         ("capacity", lambda v: int(parse_number(v, what="capacity"))),
                         ("online", _bool), ("venue", _text), ("province", _text)):
            value = raw.get(name)
            if value is None or _text(value) == "":
                continue
            try:
                session[name] = fn(value)
            except ValueError as exc:
                reasons.append(column_problem(name, str(exc)))
        if session.get("province"):
            official = canonical_province(session["province"])
            if official is None:
                reasons.append(column_problem("province", f"ไม่พบจังหวัด \"{session['province']}\" "
                                                          f"กรุณาใช้ชื่อจังหวัดอย่างเป็นทางการ"))
            else:
                session["province"] = official
        for required in ("start_date", "end_date", "capacity"):
            if required not in session and not any(r.startswith(column_problem(required, "")) for r in reasons):
                reasons.append(column_problem(required, "ต้องระบุเมื่อแถวนี้มีข้อมูลรุ่น"))
    return ParsedRow(row=row, code=code.upper(), course=course, session=session), reasons

