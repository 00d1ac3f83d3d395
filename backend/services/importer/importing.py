"""Importing a file: every row read, parsed and planned; the good ones applied through the catalogue
service (or only counted, in a dry run); the bad ones reported with their row number and reasons."""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backend.clock import Clock
from backend.models import Session
from backend.ports import WaitlistAnnouncer
from backend.services import catalogue
from backend.services.errors import DomainError
from backend.services.framework import get_vocabulary
from backend.services.importer.file_reading import ImportFileError, read_rows, unsupported_type
from backend.services.importer.planning import RowPlan, plan_row, pydantic_reasons
from backend.services.importer.row_parsing import parse_row
from backend.services.input_errors import domain_problems

UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt")


@dataclass(frozen=True)
class RowError:
    row: int
    code: str
    reasons: list[str]

    def __str__(self) -> str:
        where = f"แถวที่ {self.row}" + (f" ({self.code})" if self.code else "")
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
        verb = "ที่จะ" if self.dry_run else "ที่"
        return (
            f"{self.rows} แถว: ถูกต้อง {self.ok_rows} แถว ผิดพลาด {len(self.errors)} แถว "
            f"หลักสูตร{verb}สร้าง {len(self.courses_created)} ปรับปรุง {len(self.courses_updated)} "
            f"รุ่น{verb}สร้าง {self.sessions_created} ปรับปรุง {self.sessions_updated}"
        )


async def import_courses(path: Path, *, actor: str, clock: Clock, announcer: WaitlistAnnouncer,
                         dry_run: bool = False) -> ImportReport:
    """Import a CSV/XLSX file; see the module docstring. Raises ImportFileError for unreadable files."""
    vocab = await get_vocabulary()
    report = ImportReport(dry_run=dry_run)
    seen: set[str] = set()
    for row, raw in await _read_rows_apart(Path(path)):
        report.rows += 1
        parsed, reasons = parse_row(row, raw, vocab)
        plan = await plan_row(parsed, reasons, seen)
        if reasons:
            report.errors.append(RowError(row=row, code=parsed.code, reasons=reasons))
            continue
        try:
            await _apply(plan, report, actor=actor, dry_run=dry_run, clock=clock, announcer=announcer)
        except ValidationError as exc:
            report.errors.append(RowError(row=row, code=parsed.code, reasons=pydantic_reasons(exc)))
        except DomainError as exc:
            report.errors.append(RowError(row=row, code=parsed.code, reasons=domain_problems(exc, noun="คอลัมน์")))
        else:
            seen.add(parsed.code)
    return report


@functools.cache
def _reading_context() -> BaseContext:
    """Readers are forked from a server process that has loaded the reading code once (a fork of the web
    process itself would copy its threads' locks)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([read_rows.__module__])
    return context


async def _read_rows_apart(path: Path, reader: Callable[[Path], list[tuple[int, dict[str, Any]]]] = read_rows
                           ) -> list[tuple[int, dict[str, Any]]]:
    """read_rows in a process of its own. Reading a workbook at the limits is seconds of Python; in a thread it
    would hold the interpreter lock against the event loop, and the webhook, the pages and /healthz would wait.
    A reader that dies (killed, out of memory) is an ImportFileError the admin can read."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_reading_context())
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, reader, path)
    except BrokenProcessPool:
        raise ImportFileError("อ่านไฟล์ไม่สำเร็จ กรุณาลองใหม่อีกครั้ง") from None
    finally:
        pool.shutdown(wait=False)


async def import_uploaded_file(content: bytes, *, filename: str, actor: str, clock: Clock, announcer: WaitlistAnnouncer,
                               dry_run: bool = False) -> ImportReport:
    """Import a file uploaded by name and content (the admin page). Raises ImportFileError for a type
    other than CSV or XLSX, or an unreadable file."""
    suffix = Path(filename).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ImportFileError(unsupported_type(suffix))
    with tempfile.TemporaryDirectory(prefix="onde-import-") as folder:
        path = Path(folder) / f"upload{suffix}"
        await asyncio.to_thread(path.write_bytes, content)
        return await import_courses(path, actor=actor, dry_run=dry_run, clock=clock, announcer=announcer)


async def _apply(plan: RowPlan, report: ImportReport, *, actor: str, dry_run: bool, clock: Clock,
                 announcer: WaitlistAnnouncer) -> None:
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
            await catalogue.update_session(existing.id, plan.session_update, actor=actor, clock=clock,
                                               announcer=announcer)
        report.sessions_updated += 1
