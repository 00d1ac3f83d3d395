"""Reading an import file: CSV (UTF-8 or Thai Windows cp874, any common delimiter) or XLSX, with Thai or
English column names, as (row number, {field: raw cell value}) pairs."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, missing required columns)."""


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

