"""Command line: `python -m app <command>` (`python -m backend serve|worker` are aliases of these two).

serve            run the web app (uvicorn) with the embedded defaults unless DATABASE_URL/REDIS_URL are set;
                 --demo: development with the demo accounts and sample data (what `make run` does)
worker           run the background worker as its own process (needs REDIS_URL)

The backend's other commands (migrate, seed, makemigrations, create-staff, import-courses) are
`python -m backend <command>`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import threading
from collections.abc import Callable

from backend.settings import Settings


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from backend.logging_setup import configure_logging
    from backend.settings import get_settings

    configure_logging()
    if args.demo:  # asked for explicitly: development, with the demo accounts and sample data
        os.environ.setdefault("ENVIRONMENT", "development")
        os.environ["DEMO"] = "true"
        if args.empty:  # the demo accounts, without the sample catalogue and history
            os.environ["DEMO_DATA"] = "false"
        get_settings.cache_clear()
    settings = get_settings()
    if not settings.database_url:
        # The embedded PostgreSQL starts (the first time: initdb) while uvicorn imports and builds the app; the
        # app's start-up then finds it running.
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
    from backend.admin.staff_accounts import demo_logins

    for login in demo_logins(settings):
        print(f"                sign in as {login.username} / {login.password} ({login.shows}, development only)")
    if settings.use_line_emulator:
        print(f"  Chat console  {base}/dev/chat")
    print(f"  Health        {base}/healthz\n", flush=True)
    from app.main import app_factory

    uvicorn.run(app_factory, factory=True, host=settings.host, port=port, log_level="info", proxy_headers=True,
                access_log=False)
    return 0


def _start_embedded_postgres(settings: Settings) -> None:
    from backend.db import database_url

    with contextlib.suppress(Exception):  # the app's start-up tries again and reports the error
        database_url(settings)


def _worker(args: argparse.Namespace) -> int:
    from app.worker import run
    from backend.logging_setup import configure_logging
    from backend.settings import get_settings

    configure_logging()
    with asyncio.Runner(loop_factory=_fast_loop_factory()) as runner:
        runner.run(run(get_settings()))
    return 0


def _fast_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (it is, with uvicorn[standard]); the standard loop otherwise."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop ships with uvicorn[standard]
        return None
    return uvloop.new_event_loop


COMMANDS = {"serve": _serve, "worker": _worker}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web app")
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--demo", action="store_true",
                       help="development with the demo accounts, sample courses and a year of history (make run)")
    serve.add_argument("--empty", action="store_true",
                       help="with --demo: the demo accounts only, no sample data (make run EMPTY=1)")
    sub.add_parser("worker", help="run the background worker")
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
