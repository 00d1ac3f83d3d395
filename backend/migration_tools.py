"""Keep the checked-in aerich migrations (one folder per SQL dialect) in step with the models.

`python -m backend makemigrations` creates a scratch database for each dialect, applies the existing
migrations, and lets aerich write the difference as a new migration (or the initial one).
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

import asyncpg
from aerich import Command
from tortoise import Tortoise

from backend.db import migrations_location, tortoise_config


async def _regenerate(url: str) -> None:
    location = migrations_location(url)
    command = Command(tortoise_config=tortoise_config(url), app="models", location=str(location))
    has_versions = (location / "models").exists() and any((location / "models").glob("*.py"))
    if not has_versions:
        await command.init_db(safe=True)
        print(f"{location.name}: initial migration written")
    else:
        await command.init()
        await command.upgrade(run_in_transaction=True)
        name = await command.migrate(name="update", no_input=True)
        print(f"{location.name}: {name or 'no changes'}")
    await Tortoise.close_connections()


async def regenerate_migrations(*, postgres_url: str) -> None:
    scratch = f"onde_migrations_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(postgres_url.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        base = postgres_url.rsplit("/", 1)[0]
        await _regenerate(f"{base}/{scratch}")
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        await admin.close()
    with tempfile.TemporaryDirectory() as tmp:
        await _regenerate(f"sqlite://{Path(tmp) / 'scratch.sqlite3'}")
