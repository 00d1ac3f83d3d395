"""Command line: `python -m backend <command>`.

serve            run the web app (uvicorn) with the embedded defaults unless DATABASE_URL/REDIS_URL are set;
                 --demo: development with the demo accounts and sample data (what `make run` does)
worker           run the background worker as its own process (needs REDIS_URL)
migrate          apply database migrations
seed             load framework data, the bootstrap admin and (in development) the demo catalogue
makemigrations   regenerate the checked-in migrations from the models (on a scratch database)
create-staff     create an admin or trainer account for the admin web (--username --role --password)
import-courses   import courses (and sessions) from a CSV or XLSX file (docs/import-format.md); --dry-run previews
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import threading
from typing import Any


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from backend.logging_setup import configure_logging
    from backend.settings import get_settings

    configure_logging()
    if args.demo:  # asked for explicitly: development, with the demo accounts and sample data
        os.environ.setdefault("ENVIRONMENT", "development")
        os.environ["DEMO"] = "true"
        get_settings.cache_clear()
    settings = get_settings()
    if not settings.database_url:
        # The embedded PostgreSQL starts (the first time: initdb) while uvicorn imports the app; the app's
        # start-up then finds it running.
        threading.Thread(target=_start_embedded_postgres, args=(settings,), daemon=True).start()
    port = args.port or settings.port
    if port != settings.port and "public_base_url" not in settings.model_fields_set:
        # Links (and the development emulator's webhook) follow the port unless PUBLIC_BASE_URL is set.
        os.environ["PUBLIC_BASE_URL"] = f"http://{settings.host}:{port}"
        get_settings.cache_clear()
        settings = get_settings()
    base = settings.public_base_url.rstrip("/")
    print(f"\n  ONDE skills bot on http://{settings.host}:{port}")
    print(f"  API docs      {base}/docs")
    print(f"  Admin         {base}/admin")
    from backend.admin.staff_accounts import demo_admin_login

    if demo := demo_admin_login(settings):
        print(f"                sign in as {demo[0]} / {demo[1]} (development only)")
    if settings.use_line_emulator:
        print(f"  Chat console  {base}/dev/chat")
    print(f"  Health        {base}/healthz\n", flush=True)
    uvicorn.run(
        "backend.main:app_factory", factory=True, host=settings.host, port=port,
        log_level="info", proxy_headers=True, access_log=False,
    )
    return 0


def _start_embedded_postgres(settings: Any) -> None:
    from backend.db import database_url

    with contextlib.suppress(Exception):  # the app's start-up tries again and reports the error
        database_url(settings)


def _worker(args: argparse.Namespace) -> int:
    from backend.logging_setup import configure_logging
    from backend.settings import get_settings
    from backend.worker import run_worker

    configure_logging()
    with asyncio.Runner(loop_factory=_fast_loop_factory()) as runner:
        runner.run(run_worker(get_settings()))
    return 0


def _fast_loop_factory() -> Any:
    """uvloop where it is installed (it is, with uvicorn[standard]); the standard loop otherwise."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop ships with uvicorn[standard]
        return None
    return uvloop.new_event_loop


def _migrate(args: argparse.Namespace) -> int:
    from backend.db import migrate
    from backend.settings import get_settings

    applied = asyncio.run(migrate(get_settings()))
    print("applied:", ", ".join(applied) if applied else "nothing (up to date)")
    return 0


def _seed(args: argparse.Namespace) -> int:
    from backend.bootstrap import prepare_database
    from backend.clock import SystemClock
    from backend.db import close_db, init_db
    from backend.settings import get_settings

    async def run() -> None:
        settings = get_settings()
        await init_db(settings)
        try:
            await prepare_database(settings, clock=SystemClock())
        finally:
            await close_db()

    asyncio.run(run())
    print("seeded")
    return 0


def _makemigrations(args: argparse.Namespace) -> int:
    from backend.db import database_url
    from backend.embedded import release_embedded_postgres
    from backend.migration_tools import regenerate_migrations
    from backend.settings import get_settings

    try:
        asyncio.run(regenerate_migrations(postgres_url=args.postgres_url or database_url(get_settings())))
    finally:
        release_embedded_postgres()
    return 0


def _create_staff(args: argparse.Namespace) -> int:
    from backend.admin.staff_accounts import create_staff_account
    from backend.services.errors import DomainError
    from backend.settings import get_settings

    try:
        print(asyncio.run(create_staff_account(get_settings(), username=args.username, role=args.role,
                                               password=args.password, display_name=args.display_name)))
    except DomainError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 1
    return 0


def _import_courses(args: argparse.Namespace) -> int:
    from pathlib import Path

    from backend.clock import SystemClock
    from backend.services.importer import run_cli
    from backend.settings import get_settings

    return asyncio.run(run_cli(get_settings(), Path(args.file), dry_run=args.dry_run, clock=SystemClock()))


COMMANDS = {
    "serve": _serve,
    "worker": _worker,
    "migrate": _migrate,
    "seed": _seed,
    "makemigrations": _makemigrations,
    "create-staff": _create_staff,
    "import-courses": _import_courses,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m backend", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web app")
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--demo", action="store_true",
                       help="development with the demo accounts and sample courses (make run)")
    sub.add_parser("worker", help="run the background worker")
    sub.add_parser("migrate", help="apply migrations")
    sub.add_parser("seed", help="seed framework and demo data")
    mk = sub.add_parser("makemigrations", help="regenerate migrations from the models")
    mk.add_argument("--postgres-url", default=None,
                    help="a server to create the scratch database on (default: DATABASE_URL's, or the embedded one)")
    staff = sub.add_parser("create-staff", help="create an admin or trainer account for the admin web")
    staff.add_argument("--username", required=True)
    staff.add_argument("--role", choices=["admin", "trainer"], required=True)
    staff.add_argument("--password", required=True)
    staff.add_argument("--display-name", default="")
    imp = sub.add_parser("import-courses", help="import courses from CSV/XLSX (docs/import-format.md)")
    imp.add_argument("file", help="a .csv or .xlsx file; the first row holds the column names")
    imp.add_argument("--dry-run", action="store_true", help="check every row and report, write nothing")
    return parser


def main(argv: list[str] | None = None) -> int:
    from pydantic import ValidationError

    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ValidationError as exc:  # settings refused: say which ones and why, without a traceback
        for error in exc.errors():
            print(f"error: {error['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
