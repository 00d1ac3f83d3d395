"""The web app: `create_app()` (tests, `python -m app serve`) and `app_factory()` (uvicorn --factory).

The backend's app (backend/web.py) with the LINE channel plugged in: the webhook route first (and, in served
apps, answered ahead of the framework: WebhookFastPath), the channel's notifier and LINE client as the
runtime's ports, the worker with the channel's inbox consumer when it runs in this process, and in development
the LINE emulator at /_line with the chat console at /dev/chat.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from app.channel import line_worker_parts, plug_line_channel
from app.development import install_console_rich_menu, mount_line_emulator
from backend.clock import Clock
from backend.settings import Settings, get_settings
from backend.web import build_web_app, serve_runtime
from backend.worker import build_worker
from bot import dev_console, webhook


def create_app(
    settings: Settings | None = None,
    *,
    init_database: bool = True,
    run_worker: bool | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    """Build the ASGI app. Nothing connects until the lifespan starts. `clock`: the one clock (the
    machine's by default; tests hand in a frozen one)."""
    settings = settings or get_settings()
    in_process_worker = settings.worker_in_process if run_worker is None else run_worker

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with serve_runtime(settings, init_database=init_database, clock=clock) as runtime:
            app.state.runtime = runtime
            channel = plug_line_channel(runtime)
            app.state.channel = channel
            worker_task: asyncio.Task[None] | None = None
            menu_task: asyncio.Task[str | None] | None = None
            if settings.use_line_emulator and settings.environment == "development":
                # The chat console shows the rich menu from the first start (no `python -m bot richmenu`).
                menu_task = asyncio.create_task(install_console_rich_menu(channel.line), name="console-rich-menu")
            try:
                if in_process_worker:
                    worker = build_worker(runtime, extra=line_worker_parts(channel))
                    worker_task = asyncio.create_task(worker.async_run(), name="arq-worker")
                    runtime.on_close(worker.close)
                    runtime.on_close(worker.services.stop)
                yield
            finally:
                if menu_task is not None:
                    menu_task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await menu_task
                if worker_task is not None:
                    worker_task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await worker_task

    channel_routers: list[APIRouter] = [webhook.router]
    if settings.use_line_emulator:
        channel_routers.append(dev_console.router)
    app = build_web_app(settings, lifespan=lifespan, first_routers=channel_routers)
    if settings.use_line_emulator:
        mount_line_emulator(app, settings)
    return app


def app_factory() -> webhook.WebhookFastPath:
    """Entry point for `uvicorn --factory app.main:app_factory`: the app, with the LINE webhook answered
    ahead of the framework (see WebhookFastPath)."""
    from backend.logging_setup import configure_logging

    configure_logging()
    return webhook.WebhookFastPath(create_app())
