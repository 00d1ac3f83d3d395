"""Reading an import file: CSV (UTF-8 or Thai Windows cp874, any common delimiter) or XLSX, with Thai or
English column names, as (row number, {field: raw cell value}) pairs."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, missing required columns, over a limit)."""


# What one import may hold: a catalogue file is small, so anything far larger is a mistake or an attack.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX is a zip: all its parts together, once unpacked
MAX_ZIP_ENTRIES = 500
MAX_ROWS = 5000  # data rows (the header row not counted)
MAX_SCANNED_ROWS = 4 * MAX_ROWS  # empty (formatted) rows included
MAX_COLUMNS = 60


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


def unsupported_type(suffix: str) -> str:
    return f"ไม่รองรับไฟล์ชนิด {suffix or '(ไม่มีนามสกุล)'} กรุณาใช้ไฟล์ .csv หรือ .xlsx"


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("ไฟล์ CSV ต้องบันทึกเป็นข้อความแบบ UTF-8 หรือ Windows ภาษาไทย (cp874)")


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {field: raw value}) for every non-empty data row of a CSV or XLSX file, within the limits
    above (ImportFileError names the one that is exceeded). Blocking, and seconds of CPU at the limits: the
    importer runs it in a process of its own."""
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(f"ไฟล์มีขนาด {size / 1048576:.1f} MB เกินขนาดที่รับได้ "
                              f"{MAX_FILE_BYTES // 1048576} MB กรุณาแบ่งเป็นหลายไฟล์")
    if suffix in (".xlsx", ".xlsm"):
        table = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        text = _decode(path.read_bytes())
        dialect: type[csv.Dialect] = csv.excel
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            pass
        table = csv.reader(io.StringIO(text), dialect)
    else:
        raise ImportFileError(unsupported_type(suffix))
    try:
        headers = next(table)
    except StopIteration:
        raise ImportFileError("ไฟล์ว่างเปล่า") from None
    if sum(1 for h in headers if h not in (None, "") and str(h).strip()) > MAX_COLUMNS or len(headers) > 16384:
        raise ImportFileError(f"แถวหัวตารางมีเกิน {MAX_COLUMNS} คอลัมน์ กรุณาลบคอลัมน์ที่ไม่ใช้ออก")
    mapping = map_headers(list(headers)[:MAX_COLUMNS])
    missing = [f for f in ("code",) if f not in mapping.values()]
    if missing:
        raise ImportFileError("ไม่พบคอลัมน์รหัสหลักสูตร แถวแรกของไฟล์ต้องเป็นชื่อคอลัมน์ (เช่น รหัสหลักสูตร)")
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(table, start=2):
        if number - 1 > MAX_SCANNED_ROWS:
            raise ImportFileError(f"ไฟล์มีเกิน {MAX_SCANNED_ROWS:,} แถว (นับรวมแถวว่าง) กรุณาคัดลอกเฉพาะข้อมูล"
                                  f"ไปไว้ในไฟล์ใหม่")
        if not any(v not in (None, "") and str(v).strip() for v in values[:MAX_COLUMNS]):
            continue
        if len(rows) == MAX_ROWS:
            raise ImportFileError(f"ไฟล์มีข้อมูลเกิน {MAX_ROWS:,} แถว กรุณาแบ่งเป็นหลายไฟล์")
        rows.append((number, {name: values[i] if i < len(values) else None for i, name in mapping.items()}))
    return rows


def _check_zip(path: Path) -> None:
    """An XLSX is a zip archive: refuse one that unpacks to far more than any catalogue (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError("ไฟล์ Excel เสียหายหรือไม่ใช่ไฟล์ .xlsx") from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ImportFileError("ไฟล์ Excel มีส่วนประกอบมากผิดปกติ จึงไม่นำเข้า")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(f"ไฟล์ Excel เมื่อแตกไฟล์แล้วมีขนาด {unpacked / 1048576:,.0f} MB เกินขนาดที่รับได้ "
                              f"{MAX_UNPACKED_BYTES // 1048576} MB จึงไม่นำเข้า")


def _xlsx_rows(path: Path) -> Iterator[Sequence[Any]]:
    from openpyxl import load_workbook

    _check_zip(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise ImportFileError("อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ .xlsx") from exc
    sheet = workbook.worksheets[0]

    def rows() -> Iterator[Sequence[Any]]:
        # Only the first columns and rows are read, whatever range the sheet claims (A1:XFD1048576 ...).
        # One row more than the limits, so that a longer file is reported rather than cut short.
        try:
            yield from sheet.iter_rows(max_col=MAX_COLUMNS + 1, max_row=MAX_SCANNED_ROWS + 2, values_only=True)
        finally:
            workbook.close()

    return rows()
