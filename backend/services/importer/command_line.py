"""`python -m backend import-courses FILE [--dry-run]`: import from the command line and print the report."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from backend.clock import Clock
from backend.ports import WaitlistAnnouncer
from backend.services.importer.file_reading import ImportFileError
from backend.services.importer.importing import import_courses
from backend.settings import Settings

if TYPE_CHECKING:
    from backend.settings import Settings

class _NothingToAnnounce:
    """A dry run changes nothing, so nobody moves up from a waitlist."""

    async def waitlist_promoted(self, registration_ids: Sequence[int]) -> None:
        assert not registration_ids


@asynccontextmanager
async def _announcer(settings: Settings, *, dry_run: bool) -> AsyncIterator[WaitlistAnnouncer]:
    """Promotions (a session's capacity raised by the file) are queued for the worker, as the web app does."""
    if dry_run:
        yield _NothingToAnnounce()
        return
    from arq.connections import create_pool

    from backend.redis_conn import resolve_redis
    from backend.runtime import QueuedAnnouncer, queue_name

    endpoint = resolve_redis(settings)
    queue = await create_pool(endpoint.arq_settings(), default_queue_name=queue_name(settings))
    try:
        yield QueuedAnnouncer(queue)
    finally:
        await queue.aclose()
        endpoint.close()


async def run_cli(settings: Settings, path: Path, *, dry_run: bool, clock: Clock, actor: str = "cli:import-courses") -> int:
    """`python -m backend import-courses FILE [--dry-run]`: import, print the report, exit 0 (all rows
    good), 1 (some rows failed) or 2 (file unreadable)."""
    from tortoise.exceptions import OperationalError

    from backend.db import close_db, init_db
    from backend.services.framework import seed_framework

    if not await asyncio.to_thread(path.is_file):
        print(f"ผิดพลาด: ไม่พบไฟล์ {path}")
        return 2
    await init_db(settings)
    try:
        from backend.models import Topic

        try:
            if not await Topic.exists():
                await seed_framework()
        except OperationalError:
            print("ผิดพลาด: ฐานข้อมูลยังไม่มีตาราง กรุณาสั่ง `python -m backend migrate` ก่อน")
            return 2
        try:
            async with _announcer(settings, dry_run=dry_run) as announcer:
                report = await import_courses(path, actor=actor, dry_run=dry_run, clock=clock, announcer=announcer)
        except ImportFileError as exc:
            print(f"ผิดพลาด: {exc}")
            return 2
    finally:
        await close_db()
    if dry_run:
        print("ตรวจสอบอย่างเดียว: ยังไม่ได้บันทึกข้อมูล")
    for error in report.errors:
        print(f"  {error}")
    if report.courses_created:
        print(("หลักสูตรที่จะสร้าง: " if dry_run else "หลักสูตรที่สร้าง: ") + ", ".join(report.courses_created))
    if report.courses_updated:
        print(("หลักสูตรที่จะปรับปรุง: " if dry_run else "หลักสูตรที่ปรับปรุง: ") + ", ".join(report.courses_updated))
    print(report.summary())
    return 1 if report.errors else 0
