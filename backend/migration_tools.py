"""Keep the checked-in aerich migrations (backend/migrations/models) in step with the models.

`python -m backend makemigrations` creates a scratch database, applies the existing migrations, and lets
aerich write the difference as a new migration (or the initial one).
"""

from __future__ import annotations

import uuid
from urllib.parse import unquote

import asyncpg
from aerich import Command
from tortoise import Tortoise

from backend.db import MIGRATIONS_LOCATION, tortoise_config


async def _regenerate(url: str) -> None:
    command = Command(tortoise_config=tortoise_config(url), app="models", location=str(MIGRATIONS_LOCATION))
    versions = MIGRATIONS_LOCATION / "models"
    if not (versions.exists() and any(versions.glob("*.py"))):
        await command.init_db(safe=True)
        print("initial migration written")
    else:
        await command.init()
        await command.upgrade(run_in_transaction=True)
        await command.init()  # aerich reads the models' state of the last applied version when it starts
        name = await command.migrate(name="update", no_input=True)
        print(name or "no changes")
    await Tortoise.close_connections()


async def regenerate_migrations(*, postgres_url: str) -> None:
    """`postgres_url`: any database on the server to work on (a unix-socket `host=` parameter is kept)."""
    scratch = f"onde_migrations_{uuid.uuid4().hex[:8]}"
    base, _, query = postgres_url.partition("?")
    socket_dir = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("host")
    admin = await asyncpg.connect(base.replace("postgres://", "postgresql://", 1),
                                  host=unquote(socket_dir) if socket_dir else None)
    await admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        await _regenerate(f"{base.rsplit('/', 1)[0]}/{scratch}" + (f"?{query}" if query else ""))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        await admin.close()
