"""Spreadsheets for people: every CSV and XLSX export is written here, one way.

What members and staff type (display names, the agency typed in chat, survey comments) ends up in these
files. A spreadsheet treats a cell that begins with = + - @ (or a tab or carriage return before them) as a
formula, so such text is neutralised as OWASP's CSV-injection guidance says: in CSV it gets a leading
apostrophe; in XLSX every text cell is stored as text, never as a formula. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def neutralise(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs: text beginning like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark (Excel opens Thai correctly), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow([neutralise(v) for v in header])
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@dataclass
class Sheet:
    title: str
    header: Sequence[Any]
    rows: Sequence[Sequence[Any]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)  # column index (0-based) -> width in characters


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per Sheet: a bold header row, text stored as text (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    bold = Font(bold=True)
    for spec in sheets:
        sheet: Worksheet = book.create_sheet(title=spec.title[:31])

        def text_safe(value: Any, *, header: bool = False, sheet: Worksheet = sheet) -> Cell:
            cell = Cell(sheet, row=1, column=1, value=value)  # sheet.append() places it
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would store "=..." as a live formula
            if header:
                cell.font = bold
            return cell

        if spec.header:
            sheet.append([text_safe(v, header=True) for v in spec.header])
        for row in spec.rows:
            sheet.append([text_safe(v) for v in row])
        for index, width in spec.widths.items():
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
