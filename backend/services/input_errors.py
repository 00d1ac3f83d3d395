"""Why a course or session was refused, in Thai, naming the field as staff know it.

The schemas (backend.schemas.catalogue) and the catalogue service explain a refusal in English for API
clients; the admin pages and the importer show staff this Thai wording instead: the field's Thai name and
what is wrong with its value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from backend import labels
from backend.services.errors import DomainError

# The fields of a course and a session (and the import file's columns), by their Thai names.
FIELD_TH: Mapping[str, str] = {
    "code": "รหัสหลักสูตร",
    "title_th": "ชื่อหลักสูตร",
    "title_en": "ชื่อหลักสูตรภาษาอังกฤษ",
    "provider": "ผู้จัดอบรม",
    "description": "รายละเอียด",
    "topics": "หัวข้อ",
    "skill_areas": "ด้านทักษะ",
    "target_groups": "กลุ่มเป้าหมาย",
    "hours": "จำนวนชั่วโมง",
    "modality": "รูปแบบการอบรม",
    "fee": "ค่าใช้จ่าย",
    "certification_no": "เลขที่การรับรอง",
    "certified_on": "วันที่รับรอง",
    "certification_expires": "วันหมดอายุการรับรอง",
    "status": "สถานะ",
    "session_no": "รุ่นที่",
    "no": "รุ่นที่",
    "start_date": "วันเริ่มอบรม",
    "end_date": "วันสิ้นสุดการอบรม",
    "province": "จังหวัด",
    "online": "ออนไลน์",
    "venue": "สถานที่อบรม",
    "capacity": "จำนวนที่นั่ง",
    "registration_opens": "วันเปิดรับสมัคร",
    "registration_closes": "วันปิดรับสมัคร",
    "trainer_id": "วิทยากร",
    "dates": "วันที่ของรุ่น",
}
# Rules the schemas and services state in English: (pattern, field it concerns, Thai reason).
KNOWN_REASONS: tuple[tuple[str, str | None, str], ...] = (
    (r"certification_expires must not be before certified_on", "certification_expires",
     "ต้องไม่ก่อนวันที่รับรอง"),
    (r"end_date must not be before start_date", "end_date", "ต้องไม่ก่อนวันเริ่มอบรม"),
    (r"registration_closes must not be before registration_opens", "registration_closes",
     "ต้องไม่ก่อนวันเปิดรับสมัคร"),
    (r"registration_closes must not be after end_date", "registration_closes",
     "ต้องไม่หลังวันสิ้นสุดการอบรม"),
    (r"unknown province", "province", "ไม่พบจังหวัดนี้ กรุณาใช้ชื่อจังหวัดอย่างเป็นทางการ"),
    (r"required for a session that is not online", "province", "ต้องระบุสำหรับรุ่นที่ไม่ได้อบรมออนไลน์"),
    (r"no such trainer", "trainer_id", "ไม่พบบัญชีวิทยากรนี้"),
    (r"unknown codes", None, "มีรหัสที่ไม่รู้จัก"),
    (r"must not be null", None, "ต้องระบุ"),
    (r"contains characters that are not allowed", None, "มีอักขระที่ใช้ไม่ได้"),
)


def field_th(name: object) -> str:
    return FIELD_TH.get(str(name), str(name))


def _choices(expected: str) -> str:
    codes = re.findall(r"'([^']*)'", expected)
    names = {**labels.MODALITY, **labels.COURSE_STATUS, **labels.SESSION_STATUS}
    return ", ".join(names.get(code, code) for code in codes) or expected


def pydantic_reason(error: Mapping[str, Any]) -> str:
    """The Thai reason of one pydantic error (its type and context), without the field."""
    kind, ctx = str(error.get("type", "")), error.get("ctx") or {}
    if kind == "missing":
        return "ต้องระบุ"
    if kind in ("string_too_short", "too_short"):
        return "ต้องระบุ" if ctx.get("min_length") in (1, None) else f"ต้องมีอย่างน้อย {ctx['min_length']} รายการ"
    if kind == "string_too_long":
        return f"ยาวเกิน {ctx.get('max_length')} ตัวอักษร"
    if kind == "too_long":
        return f"มีได้ไม่เกิน {ctx.get('max_length')} รายการ"
    if kind == "string_pattern_mismatch":
        return "ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข และเครื่องหมาย . _ - /"
    if kind == "greater_than":
        return f"ต้องมากกว่า {ctx.get('gt')}"
    if kind == "greater_than_equal":
        return f"ต้องไม่น้อยกว่า {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"ต้องไม่เกิน {ctx.get('le'):,}" if isinstance(ctx.get("le"), int) else f"ต้องไม่เกิน {ctx.get('le')}"
    if kind == "less_than":
        return f"ต้องน้อยกว่า {ctx.get('lt')}"
    if kind in ("decimal_max_places", "decimal_max_digits"):
        return "มีทศนิยมมากเกินไป"
    if kind in ("decimal_parsing", "int_parsing", "float_parsing", "decimal_type", "int_type", "float_type",
                "int_from_float"):
        return "ต้องเป็นตัวเลข"
    if kind in ("literal_error", "enum"):
        return f"ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: {_choices(str(ctx.get('expected', '')))}"
    if kind.startswith(("date_", "datetime_")):
        return "อ่านวันที่ไม่ได้"
    if kind.startswith("bool_"):
        return "ต้องเป็น ใช่ หรือ ไม่ใช่"
    if kind == "extra_forbidden":
        return "ไม่ใช่ข้อมูลที่ระบบรับ"
    return known_reason(str(error.get("msg", "")))[1]


def known_reason(english: str) -> tuple[str | None, str]:
    """(field it concerns, Thai reason) of an English rule; a generic Thai reason when it is not known."""
    for pattern, field, thai in KNOWN_REASONS:
        if re.search(pattern, english):
            return field, thai
    return None, "ข้อมูลไม่ถูกต้อง"


def _problem(field: object, reason: str, noun: str) -> str:
    return f"{noun} {field_th(field)}: {reason}" if field else reason


def validation_problems(exc: ValidationError, *, noun: str = "ช่อง") -> list[str]:
    """Every error of a pydantic validation, as "ช่อง <Thai name>: <Thai reason>" (or คอลัมน์ for files)."""
    found: list[str] = []
    for error in exc.errors():
        loc = [p for p in error.get("loc", ()) if isinstance(p, str)]
        field: str | None = loc[0] if loc else None
        if error.get("type") == "value_error":
            known_field, reason = known_reason(str(error.get("msg", "")))
            field = known_field or field
        else:
            reason = pydantic_reason(error)
        problem = _problem(field, reason, noun)
        if problem not in found:
            found.append(problem)
    return found


_POLITE = re.compile(r"^\s*ขออภัย(?:ค่ะ)?\s*|\s*(?:นะ)?ค่ะ(?=\s|$)|\s*(?:นะ)?คะ(?=\s|$)")


def for_staff(message_th: str) -> str:
    """A message written for members, as back-office text: without the apology and the particles."""
    return _POLITE.sub("", message_th).strip() or message_th


def domain_problems(exc: DomainError, *, noun: str = "ช่อง") -> list[str]:
    """A service's refusal: its fields' reasons in Thai, or its Thai message."""
    errors: Iterable[Mapping[str, str]] = getattr(exc, "errors", None) or []
    found = []
    for error in errors:
        known_field, reason = known_reason(str(error.get("reason", "")))
        field = error.get("field")
        found.append(_problem(known_field if field in (None, "", "dates") else field, reason, noun))
    return found or [for_staff(exc.message_th)]
