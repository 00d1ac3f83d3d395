"""Import certified courses (and optionally their sessions) from CSV or XLSX files.

Headers may be Thai or English (see docs/import-format.md). Each row upserts a course by its code; a row
with session columns also adds or updates that session. Every bad row is reported with its row number
(as a spreadsheet shows it: the header is row 1) and the reasons, while the good rows are imported.
A dry run checks every row and reports what would happen without writing anything.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backend.clock import Clock
from backend.models import Course, Session
from backend.schemas.catalogue import CourseCreate, CourseUpdate, SessionCreate, SessionUpdate
from backend.services import catalogue
from backend.services.errors import DomainError
from backend.services.framework import Vocabulary, get_vocabulary
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

# Accepted header spellings (compared after lower-casing and removing spaces, dots and brackets).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "course_code", "รหัสหลักสูตร", "รหัส"),
    "title_th": ("title_th", "title", "ชื่อหลักสูตร", "ชื่อหลักสูตรภาษาไทย", "ชื่อหลักสูตรไทย"),
    "title_en": ("title_en", "ชื่อหลักสูตรภาษาอังกฤษ", "ชื่อหลักสูตรอังกฤษ", "ชื่อภาษาอังกฤษ"),
    "provider": ("provider", "หน่วยงานผู้จัด", "หน่วยงานผู้จัดอบรม", "ผู้จัด", "ผู้จัดอบรม", "สถาบัน",
                 "หน่วยงานที่จัด"),
    "description": ("description", "รายละเอียด", "คำอธิบาย", "คำอธิบายหลักสูตร"),
    "topics": ("topics", "topic", "หัวข้อ", "หมวดหมู่", "หมวด"),
    "skill_areas": ("skill_areas", "skills", "ทักษะ", "ทักษะดิจิทัล", "ด้านทักษะ"),
    "target_groups": ("target_groups", "target_group", "กลุ่มเป้าหมาย"),
    "hours": ("hours", "จำนวนชั่วโมง", "ชั่วโมง", "ระยะเวลาชั่วโมง"),
    "modality": ("modality", "รูปแบบ", "รูปแบบการอบรม", "รูปแบบการเรียน"),
    "fee": ("fee", "ค่าลงทะเบียน", "ค่าใช้จ่าย", "ค่าธรรมเนียม"),
    "certification_no": ("certification_no", "เลขที่รับรอง", "เลขที่ใบรับรอง", "เลขที่การรับรอง"),
    "certified_on": ("certified_on", "วันที่รับรอง", "วันรับรอง"),
    "certification_expires": ("certification_expires", "วันหมดอายุ", "วันหมดอายุการรับรอง", "วันที่หมดอายุ"),
    "status": ("status", "สถานะ"),
    "session_no": ("session_no", "รุ่นที่", "รุ่น"),
    "start_date": ("start_date", "วันเริ่มอบรม", "วันที่เริ่ม", "วันเริ่ม", "วันที่เริ่มอบรม"),
    "end_date": ("end_date", "วันสิ้นสุดการอบรม", "วันที่สิ้นสุด", "วันสิ้นสุด", "วันที่สิ้นสุดการอบรม"),
    "province": ("province", "จังหวัด"),
    "online": ("online", "ออนไลน์"),
    "venue": ("venue", "สถานที่", "สถานที่อบรม"),
    "capacity": ("capacity", "จำนวนที่นั่ง", "ที่นั่ง", "จำนวนรับ"),
    "registration_opens": ("registration_opens", "วันเปิดรับสมัคร", "เปิดรับสมัคร"),
    "registration_closes": ("registration_closes", "วันปิดรับสมัคร", "ปิดรับสมัคร"),
}

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


@dataclass(frozen=True)
class RowError:
    row: int
    code: str
    reasons: list[str]

    def __str__(self) -> str:
        where = f"row {self.row}" + (f" ({self.code})" if self.code else "")
        return f"{where}: " + "; ".join(self.reasons)


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    courses_created: list[str] = field(default_factory=list)
    courses_updated: list[str] = field(default_factory=list)
    sessions_created: int = 0
    sessions_updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok_rows(self) -> int:
        return self.rows - len(self.errors)

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.rows} rows: {self.ok_rows} good, {len(self.errors)} with errors. "
            f"Courses {verb} created: {len(self.courses_created)}, updated: {len(self.courses_updated)}; "
            f"sessions {verb} created: {self.sessions_created}, updated: {self.sessions_updated}."
        )


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, missing required columns)."""


# ---- reading files ---------------------------------------------------------------------------


def _header_key(text: str) -> str:
    return re.sub(r"[\s._()\[\]*:]+", "", str(text or "").strip().lower())


_HEADER_LOOKUP = {_header_key(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases}


def map_headers(headers: list[Any]) -> dict[int, str]:
    """Column index -> field name for the headers we know; unknown columns are ignored."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        name = _HEADER_LOOKUP.get(_header_key(str(header) if header is not None else ""))
        if name and name not in mapping.values():
            mapping[index] = name
    return mapping


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("the CSV file is neither UTF-8 nor Thai Windows (cp874) text")


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, {field: raw value}) for every non-empty data row of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        text = _decode(path.read_bytes())
        dialect = csv.excel
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")  # type: ignore[assignment]
        except csv.Error:
            pass
        table = iter(list(csv.reader(io.StringIO(text), dialect)))
    else:
        raise ImportFileError(f"unsupported file type {suffix or '(none)'}: use .csv or .xlsx")
    try:
        headers = next(table)
    except StopIteration:
        raise ImportFileError("the file is empty") from None
    mapping = map_headers(list(headers))
    missing = [f for f in ("code",) if f not in mapping.values()]
    if missing:
        raise ImportFileError(
            "no course code column: the first row must hold the column names (e.g. รหัสหลักสูตร or code)"
        )
    for number, values in enumerate(table, start=2):
        if not any(v not in (None, "") and str(v).strip() for v in values):
            continue
        yield number, {name: values[i] if i < len(values) else None for i, name in mapping.items()}


def _xlsx_rows(path: Path) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise ImportFileError(f"cannot read the Excel file: {exc}") from exc
    sheet = workbook.worksheets[0]

    def rows() -> Iterator[list[Any]]:
        try:
            for row in sheet.iter_rows(values_only=True):
                yield list(row)
        finally:
            workbook.close()

    return rows()


# ---- parsing values --------------------------------------------------------------------------


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
        raise ValueError("missing date")
    raw = raw.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    year: int
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", raw):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})\s*([^\d\s]+)\s*(\d{4})", raw):
        month_no = THAI_MONTHS.get(m[2].strip()) or THAI_MONTHS.get(m[2].strip() + ".")
        if month_no is None:
            raise ValueError(f"unknown month {m[2]!r}")
        day, month, year = int(m[1]), month_no, int(m[3])
    else:
        raise ValueError(f"not a date: {raw!r} (use 2026-12-01, 1/12/2569 or 1 ธ.ค. 2569)")
    if year > 2400:  # Buddhist era
        year -= 543
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a date: {raw!r}") from exc


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
        raise ValueError(f"{what}: not a number: {_text(value)!r}") from None


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
            raise ValueError(f"{what}: unknown {part.strip()!r}")
        codes.append(code)
    return list(dict.fromkeys(codes))


def _choice(value: Any, words: dict[str, str], *, what: str) -> str:
    raw = _text(value).lower()
    if raw in words:
        return words[raw]
    raise ValueError(f"{what}: {raw!r} is not one of {', '.join(sorted(set(words.values())))}")


def _bool(value: Any) -> bool:
    raw = _text(value).lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ValueError(f"online: {raw!r} is not yes/no (ใช่/ไม่ใช่)")


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
        reasons.append("code: missing course code (รหัสหลักสูตร)")
    course["code"] = code

    def attempt(name: str, fn: Any) -> None:
        value = raw.get(name)
        if value is None or _text(value) == "":
            return
        try:
            course[name] = fn(value)
        except ValueError as exc:
            reasons.append(str(exc) if str(exc).startswith(name) else f"{name}: {exc}")

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
                reasons.append(str(exc) if str(exc).startswith(name) else f"{name}: {exc}")
        if session.get("province"):
            official = canonical_province(session["province"])
            if official is None:
                reasons.append(f"province: unknown province {session['province']!r}")
            else:
                session["province"] = official
        for required in ("start_date", "end_date", "capacity"):
            if required not in session and not any(r.startswith(required) for r in reasons):
                reasons.append(f"{required}: required for a session row")
    return ParsedRow(row=row, code=code.upper(), course=course, session=session), reasons


def _pydantic_reasons(exc: ValidationError) -> list[str]:
    return [f"{'.'.join(str(x) for x in e['loc']) or 'row'}: {e['msg']}" for e in exc.errors()]


# ---- importing -------------------------------------------------------------------------------


async def import_courses(path: Path, *, actor: str, clock: Clock, dry_run: bool = False) -> ImportReport:
    """Import a CSV/XLSX file; see the module docstring. Raises ImportFileError for unreadable files."""
    vocab = await get_vocabulary()
    report = ImportReport(dry_run=dry_run)
    seen: set[str] = set()
    for row, raw in read_rows(Path(path)):
        report.rows += 1
        parsed, reasons = parse_row(row, raw, vocab)
        plan = await _plan(parsed, reasons, seen)
        if reasons:
            report.errors.append(RowError(row=row, code=parsed.code, reasons=reasons))
            continue
        try:
            await _apply(plan, report, actor=actor, dry_run=dry_run, clock=clock)
        except ValidationError as exc:
            report.errors.append(RowError(row=row, code=parsed.code, reasons=_pydantic_reasons(exc)))
        except DomainError as exc:
            reasons = [f"{e['field']}: {e['reason']}" for e in getattr(exc, "errors", [])] or [exc.detail]
            report.errors.append(RowError(row=row, code=parsed.code, reasons=reasons))
        else:
            seen.add(parsed.code)
    return report


@dataclass
class _Plan:
    code: str
    new_course: CourseCreate | None = None
    course_update: CourseUpdate | None = None
    session_no: int | None = None
    session_start: dt.date | None = None
    new_session: SessionCreate | None = None
    session_update: SessionUpdate | None = None


async def _plan(parsed: ParsedRow, reasons: list[str], seen: set[str]) -> _Plan:
    """Validate the row as the course/session it creates or updates; appends to `reasons`."""
    plan = _Plan(code=parsed.code)
    fields = {k: v for k, v in parsed.course.items() if k != "code"}
    exists = parsed.code in seen or (bool(parsed.code) and await Course.filter(code=parsed.code).exists())
    try:
        if not exists:
            plan.new_course = CourseCreate(code=parsed.code or "MISSING", **fields)
        elif fields and parsed.code not in seen:
            plan.course_update = CourseUpdate(**fields)
    except ValidationError as exc:
        _merge(reasons, _pydantic_reasons(exc))
    if parsed.session is not None:
        data = dict(parsed.session)
        plan.session_no = data.pop("session_no", None)
        plan.session_start = data.get("start_date")
        data.setdefault("online", not data.get("province"))
        try:
            plan.new_session = SessionCreate(no=plan.session_no, **data)
            plan.session_update = SessionUpdate(**data)
        except ValidationError as exc:
            _merge(reasons, _pydantic_reasons(exc))
    return plan


def _merge(reasons: list[str], more: list[str]) -> None:
    """Add reasons about fields not already reported (a cell we could not read is also "missing")."""
    reported = {r.split(":", 1)[0] for r in reasons}
    reasons.extend(r for r in more if r.split(":", 1)[0] not in reported and r not in reasons)


async def _apply(plan: _Plan, report: ImportReport, *, actor: str, dry_run: bool, clock: Clock) -> None:
    code = plan.code
    if plan.new_course is not None:
        if not dry_run:
            await catalogue.create_course(plan.new_course, actor=actor, clock=clock)
        report.courses_created.append(code)
    elif plan.course_update is not None:
        if not dry_run:
            await catalogue.update_course(code, plan.course_update, actor=actor, clock=clock)
        if code not in report.courses_created and code not in report.courses_updated:
            report.courses_updated.append(code)
    if plan.new_session is None or plan.session_update is None:
        return
    existing = None
    if not (dry_run and code in report.courses_created):
        query = Session.filter(course__code=code)
        query = query.filter(no=plan.session_no) if plan.session_no else query.filter(start_date=plan.session_start)
        existing = await query.first()
    if existing is None:
        if not dry_run:
            await catalogue.add_session(code, plan.new_session, actor=actor, clock=clock)
        report.sessions_created += 1
    else:
        if not dry_run:
            await catalogue.update_session(existing.id, plan.session_update, actor=actor, clock=clock)
        report.sessions_updated += 1


# ---- command line ----------------------------------------------------------------------------


async def run_cli(settings: Any, path: Path, *, dry_run: bool, clock: Clock, actor: str = "cli:import-courses") -> int:
    """`python -m backend import-courses FILE [--dry-run]`: import, print the report, exit 0 (all rows
    good), 1 (some rows failed) or 2 (file unreadable)."""
    from tortoise.exceptions import OperationalError

    from backend.db import close_db, init_db
    from backend.services.framework import seed_framework

    if not await asyncio.to_thread(path.is_file):
        print(f"error: no such file: {path}")
        return 2
    await init_db(settings)
    try:
        from backend.models import Topic

        try:
            if not await Topic.exists():
                await seed_framework()
        except OperationalError:
            print("error: the database has no tables yet: run `python -m backend migrate` first")
            return 2
        try:
            report = await import_courses(path, actor=actor, dry_run=dry_run, clock=clock)
        except ImportFileError as exc:
            print(f"error: {exc}")
            return 2
    finally:
        await close_db()
    if dry_run:
        print("DRY RUN: nothing was written.")
    for error in report.errors:
        print(f"  {error}")
    if report.courses_created:
        print(("would create: " if dry_run else "created: ") + ", ".join(report.courses_created))
    if report.courses_updated:
        print(("would update: " if dry_run else "updated: ") + ", ".join(report.courses_updated))
    print(report.summary())
    return 1 if report.errors else 0
