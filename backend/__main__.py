"""Command line: `python -m backend <command>`.

serve            run the web app (uvicorn) with the embedded defaults unless DATABASE_URL/REDIS_URL are set
                 (an alias of `python -m app serve`); --demo: the
                 development demo with its accounts and sample data (what `make run` does)
worker           run the background worker as its own process (needs REDIS_URL; an alias of
                 `python -m app worker`)
migrate          apply database migrations
seed             load framework data, the bootstrap admin and (in development) the demo catalogue
makemigrations   regenerate the checked-in migrations from the models (on a scratch database)
create-staff     create an admin, trainer or coordinator account for the admin web (--username --role --password;
                 a coordinator also --agency-id)
import-courses   import courses (and sessions) from a CSV or XLSX file (docs/import-format.md); --dry-run previews
certificate-samples  render the sample certificates (one-day and three-day course) as PNG into a folder (docs/)
"""

from __future__ import annotations

import argparse
import asyncio
import sys


def _serve(args: argparse.Namespace) -> int:
    return _composition_root(["serve", *(["--port", str(args.port)] if args.port else []),
                             *(["--demo"] if args.demo else []), *(["--empty"] if args.empty else [])])


def _worker(args: argparse.Namespace) -> int:
    return _composition_root(["worker"])


def _composition_root(argv: list[str]) -> int:
    """`serve` and `worker` run the whole product, the LINE channel included: they belong to the composition
    root (`python -m app`); these two commands are kept as aliases of it. This is the one import of `app` from
    the backend, allowed by name in the import contracts (pyproject.toml)."""
    from app.__main__ import main

    return main(argv)


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
                                               password=args.password, display_name=args.display_name,
                                               agency_id=args.agency_id)))
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


def _certificate_samples(args: argparse.Namespace) -> int:
    from pathlib import Path

    from backend.certificates.samples import write_samples

    for path in write_samples(Path(args.folder)):
        print(path)
    return 0


COMMANDS = {
    "serve": _serve,
    "worker": _worker,
    "migrate": _migrate,
    "seed": _seed,
    "makemigrations": _makemigrations,
    "create-staff": _create_staff,
    "import-courses": _import_courses,
    "certificate-samples": _certificate_samples,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m backend", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web app")
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--demo", action="store_true",
                       help="development with the demo accounts and sample courses (make run)")
    serve.add_argument("--empty", action="store_true", help="with --demo: the demo accounts only, no sample data")
    sub.add_parser("worker", help="run the background worker")
    sub.add_parser("migrate", help="apply migrations")
    sub.add_parser("seed", help="seed framework and demo data")
    mk = sub.add_parser("makemigrations", help="regenerate migrations from the models")
    mk.add_argument("--postgres-url", default=None,
                    help="a server to create the scratch database on (default: DATABASE_URL's, or the embedded one)")
    staff = sub.add_parser("create-staff", help="create an admin or trainer account for the admin web")
    staff.add_argument("--username", required=True)
    staff.add_argument("--role", choices=["admin", "trainer", "coordinator"], required=True)
    staff.add_argument("--agency-id", type=int, default=None, help="a coordinator's agency")
    staff.add_argument("--password", required=True)
    staff.add_argument("--display-name", default="")
    imp = sub.add_parser("import-courses", help="import courses from CSV/XLSX (docs/import-format.md)")
    imp.add_argument("file", help="a .csv or .xlsx file; the first row holds the column names")
    imp.add_argument("--dry-run", action="store_true", help="check every row and report, write nothing")
    samples = sub.add_parser("certificate-samples", help="render the sample certificates as PNG (needs pdftoppm)")
    samples.add_argument("folder", nargs="?", default="docs", help="where to write them (default: docs)")
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
