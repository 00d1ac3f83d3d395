"""`python -m backend import-courses FILE [--dry-run]`: import from the command line and print the report."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from backend.clock import Clock
from backend.services.importer.file_reading import ImportFileError
from backend.services.importer.importing import import_courses

if TYPE_CHECKING:
    from backend.settings import Settings


async def run_cli(settings: Settings, path: Path, *, dry_run: bool, clock: Clock, actor: str = "cli:import-courses") -> int:
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
