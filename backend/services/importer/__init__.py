"""Import certified courses (and optionally their sessions) from CSV or XLSX files.

Headers may be Thai or English (see docs/import-format.md). Each row upserts a course by its code; a row
with session columns also adds or updates that session. Every bad row is reported with its row number
(as a spreadsheet shows it: the header is row 1) and the reasons, while the good rows are imported.
A dry run checks every row and reports what would happen without writing anything.

The package's modules, by what they do:

- file_reading: a CSV or XLSX file as rows of raw cells under known column names
- row_parsing: the cells of one row as typed course and session fields
- planning: one row validated as the course and session it creates or updates
- importing: the whole file (or an upload) imported, with its report
- command_line: `python -m backend import-courses`
"""

from __future__ import annotations

from backend.services.importer.command_line import run_cli
from backend.services.importer.file_reading import (
    HEADER_ALIASES,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    ImportFileError,
    map_headers,
    read_rows,
)
from backend.services.importer.importing import ImportReport, RowError, import_courses, import_uploaded_file
from backend.services.importer.planning import RowPlan, plan_row
from backend.services.importer.row_parsing import (
    COURSE_FIELDS,
    FALSE_WORDS,
    MODALITY_WORDS,
    SESSION_FIELDS,
    STATUS_WORDS,
    THAI_MONTHS,
    TRUE_WORDS,
    ParsedRow,
    parse_codes,
    parse_date,
    parse_number,
    parse_row,
)

__all__ = [
    "COURSE_FIELDS",
    "FALSE_WORDS",
    "HEADER_ALIASES",
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "MODALITY_WORDS",
    "SESSION_FIELDS",
    "STATUS_WORDS",
    "THAI_MONTHS",
    "TRUE_WORDS",
    "ImportFileError",
    "ImportReport",
    "ParsedRow",
    "RowError",
    "RowPlan",
    "import_courses",
    "import_uploaded_file",
    "map_headers",
    "parse_codes",
    "parse_date",
    "parse_number",
    "parse_row",
    "plan_row",
    "read_rows",
    "run_cli",
]
