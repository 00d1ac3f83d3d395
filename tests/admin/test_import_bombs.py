"""Hostile import files: each is refused with a Thai reason, and the server keeps answering meanwhile."""

from __future__ import annotations

import asyncio
import io
import logging
import re
import zipfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx
import openpyxl
import pytest

from backend.services.auth import create_staff_user
from backend.services.importer import MAX_COLUMNS, MAX_ROWS
from tests.admin.test_admin_web import csrf_of, login

PASSWORD = "import bombs 2569"
# Steps of the event loop at least this long are reported by asyncio's debug mode (a healthy step takes
# milliseconds; a busy machine can stretch one, so the verdict compares steps with the whole import).
REPORTED_STEP_SECONDS = 0.05
STEP_TOOK = re.compile(r" took ([0-9.]+) seconds$")


@pytest.fixture
async def admin(client: httpx.AsyncClient, db: None) -> httpx.AsyncClient:
    await create_staff_user(username="importer", role="admin", password=PASSWORD)
    assert (await login(client, "importer", PASSWORD)).status_code == 303
    return client


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite_sheet(xlsx: bytes, change: Callable[[bytes], bytes]) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, change(data) if item.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


def claims_the_whole_sheet() -> bytes:
    """4-5 kB that claims A1:XFD60000 (with a cell out there): read naively, 60,000 rows of 16,384 cells."""
    small = _workbook([["รหัสหลักสูตร", "ชื่อหลักสูตร"], ["BOMB-1", "หลักสูตรทดสอบ"]])
    return _rewrite_sheet(small, lambda xml: xml.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD60000"/>')
                          .replace(b"</sheetData>", b'<row r="60000"><c r="XFD60000"><v>1</v></c></row></sheetData>'))


def zip_bomb() -> bytes:
    """A few hundred kB that unpacks to about 200 MB of worksheet."""
    small = _workbook([["รหัสหลักสูตร"], ["BOMB-2"]])
    padding = b" " * (200 * 1024 * 1024)
    return _rewrite_sheet(small, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding))


async def _upload(client: httpx.AsyncClient, name: str, content: bytes) -> httpx.Response:
    page = await client.get("/admin/courses/import")
    return await client.post("/admin/courses/import", data={"csrf_token": csrf_of(page.text)},
                             files={"file": (name, content)})


class _LongSteps(logging.Handler):
    """What asyncio's debug mode reports: how long each long step of the event loop ran, in seconds."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seconds: list[float] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Executing ") and (took := STEP_TOOK.search(record.getMessage())):
            self.seconds.append(float(took.group(1)))


@dataclass
class Meanwhile:
    response: httpx.Response
    seconds: float  # the whole of `work`
    longest_step: float  # the longest step of the event loop meanwhile (0: none was long)
    health_answers: int

    @property
    def loop_kept_turning(self) -> bool:
        """No step of the loop held it for most of the work: what a read on the loop would do."""
        return self.longest_step < self.seconds / 2 and self.health_answers >= 1


async def _while_answering_health(client: httpx.AsyncClient, work: Awaitable[httpx.Response]) -> Meanwhile:
    """Run `work`, asking /healthz meanwhile."""
    loop = asyncio.get_running_loop()
    steps = _LongSteps()
    logging.getLogger("asyncio").addHandler(steps)
    debug, slow = loop.get_debug(), loop.slow_callback_duration
    loop.set_debug(True)
    loop.slow_callback_duration = REPORTED_STEP_SECONDS
    try:
        started = loop.time()
        task = asyncio.ensure_future(work)
        answers = 0
        while not task.done():
            assert (await client.get("/healthz")).status_code == 200
            answers += 1
            await asyncio.sleep(0.01)
        response = await task
        return Meanwhile(response, loop.time() - started, max(steps.seconds, default=0.0), answers)
    finally:
        loop.set_debug(debug)
        loop.slow_callback_duration = slow
        logging.getLogger("asyncio").removeHandler(steps)


@pytest.mark.parametrize("name, make, reason", [
    ("claims-everything.xlsx", claims_the_whole_sheet, "นับรวมแถวว่าง"),
    ("bomb.xlsx", zip_bomb, "เมื่อแตกไฟล์แล้ว"),
])
async def test_spreadsheet_bombs_neither_freeze_nor_pass(admin: httpx.AsyncClient, name: str,
                                                         make: Callable[[], bytes], reason: str) -> None:
    content = make()
    assert len(content) < 1024 * 1024
    meanwhile = await _while_answering_health(admin, _upload(admin, name, content))
    assert meanwhile.response.status_code == 422 and reason in meanwhile.response.text
    assert meanwhile.health_answers >= 1


def largest_allowed() -> bytes:
    """An XLSX at the limits (MAX_ROWS rows of MAX_COLUMNS columns): seconds of reading."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    extra = [f"หมายเหตุ {n}" for n in range(MAX_COLUMNS - 4)]
    sheet.append(["รหัสหลักสูตร", "ชื่อหลักสูตร", "หน่วยงานผู้จัด", "จำนวนชั่วโมง", *extra])
    for n in range(MAX_ROWS):
        sheet.append([f"BIG-{n}", f"หลักสูตรทดสอบการนำเข้า {n}", "สถาบันทดสอบ", 6, *(["ข้อมูล"] * len(extra))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_the_largest_file_allowed_is_read_while_the_server_answers(admin: httpx.AsyncClient) -> None:
    content = await asyncio.to_thread(largest_allowed)
    meanwhile = await _while_answering_health(admin, _upload(admin, "largest.xlsx", content))
    assert meanwhile.response.status_code in (200, 422), meanwhile.response.status_code
    assert meanwhile.loop_kept_turning, meanwhile


async def test_an_oversized_upload_is_refused_before_it_is_stored(admin: httpx.AsyncClient) -> None:
    big = b"code,title_th\n" + b"X-1,abc\n" * (6 * 1024 * 1024 // 8)
    response = await _upload(admin, "big.csv", big)
    assert response.status_code == 413 and "MB" in response.json()["message_th"]


async def test_too_many_rows_or_columns_get_a_thai_reason(admin: httpx.AsyncClient) -> None:
    rows = "รหัสหลักสูตร,ชื่อหลักสูตร\n" + "".join(f"R-{n},หลักสูตร {n}\n" for n in range(MAX_ROWS + 1))
    response = await _upload(admin, "long.csv", rows.encode())
    assert response.status_code == 422 and f"เกิน {MAX_ROWS:,} แถว" in response.text
    wide = ",".join(["รหัสหลักสูตร"] + [f"c{n}" for n in range(MAX_COLUMNS)]) + "\nW-1\n"
    response = await _upload(admin, "wide.csv", wide.encode())
    assert response.status_code == 422 and f"เกิน {MAX_COLUMNS} คอลัมน์" in response.text


async def test_other_request_bodies_are_bounded_too(client: httpx.AsyncClient, db: None) -> None:
    response = await client.post("/api/v1/courses", content=b"{" + b" " * (2 * 1024 * 1024) + b"}",
                                 headers={"content-type": "application/json"})
    assert response.status_code == 413
