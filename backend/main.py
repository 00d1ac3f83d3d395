"""The web application: create_app() wires routers, middleware and the lifespan that opens resources."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from backend.clock import Clock
from backend.features import attach_features
from backend.logging_setup import protect_personal_data
from backend.runtime import open_runtime
from backend.settings import Settings, get_settings

log = logging.getLogger(__name__)

# Every module here exposes `router`; order only matters for overlapping paths.
ROUTERS: list[str] = [
    "backend.api.routes.line_webhook",  # first (served apps answer it even earlier: WebhookFastPath)
    "backend.api.routes.health",
    "backend.api.routes.courses",
    "backend.api.routes.sessions",
    "backend.api.routes.members",
    "backend.api.routes.member_data",
    "backend.api.routes.agencies",
    "backend.api.routes.tokens",
    "backend.api.routes.surveys",
    "backend.api.routes.attendance",
    "backend.api.routes.reports",
    "backend.api.routes.verify",
    "backend.api.routes.survey_form",
    "backend.api.routes.dev_console",
    "backend.api.routes.broadcasts",
    "backend.admin.routes",
]


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
    protect_personal_data()
    in_process_worker = settings.worker_in_process if run_worker is None else run_worker

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await open_runtime(
            settings,
            init_database=init_database,
            apply_migrations=init_database and settings.auto_migrate,
            clock=clock,
        )
        app.state.runtime = runtime
        worker_task: asyncio.Task[None] | None = None
        try:
            if init_database:
                from backend.bootstrap import prepare_database

                await prepare_database(settings, clock=runtime.clock)
            await attach_features(runtime)
            if in_process_worker:
                from backend.worker import build_worker

                worker = build_worker(runtime)
                worker_task = asyncio.create_task(worker.async_run(), name="arq-worker")
                runtime.on_close(worker.close)
                runtime.on_close(worker.services.stop)  # type: ignore[attr-defined]
            yield
        finally:
            if worker_task is not None:
                worker_task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await worker_task
            await runtime.close()

    app = FastAPI(
        title="ONDE digital-skills training API",
        version="1.0.0",
        description="Certified digital-skills courses for Thai civil servants: catalogue, registration, "
        "evaluation and the LINE Official Account webhook.",
        lifespan=lifespan,
        docs_url="/docs" if settings.api_docs_enabled else None,
        redoc_url="/redoc" if settings.api_docs_enabled else None,
        openapi_url="/openapi.json" if settings.api_docs_enabled else None,
    )
    app.state.settings = settings
    from backend.api.errors import install_error_handlers
    from backend.api.openapi_docs import install_openapi
    from backend.api.outage import install_outage_handlers

    install_error_handlers(app)
    install_outage_handlers(app)
    install_openapi(app)
    for name in ROUTERS:
        app.include_router(importlib.import_module(name).router)
    from backend.mounts import install_mounts

    install_mounts(app, settings)
    from backend.api.body_limit import BodyLimit
    from backend.api.security_headers import SecurityHeaders
    from backend.services.importer import MAX_FILE_BYTES

    app.add_middleware(BodyLimit, larger={"/admin/courses/import": MAX_FILE_BYTES + 256 * 1024})
    app.add_middleware(SecurityHeaders, https=settings.public_base_url.startswith("https://"))
    return app


def app_factory() -> Any:
    """Entry point for `uvicorn --factory backend.main:app_factory`: the app, with the LINE webhook
    answered ahead of the framework (see WebhookFastPath)."""
    from backend.api.routes.line_webhook import WebhookFastPath
    from backend.logging_setup import configure_logging

    configure_logging()
    return WebhookFastPath(create_app())
