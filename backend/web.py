"""The backend's web application: the REST API, the admin pages, error handling, and the runtime it serves on.

`build_web_app()` assembles the FastAPI app around a lifespan it is given; `serve_runtime()` opens what a web
process holds (database, Redis, queue) and prepares the database. Neither knows a channel: the composition root
(app/main.py) adds the LINE webhook, plugs the channel into the runtime and, in development, mounts the LINE
emulator.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import APIRouter, FastAPI

from backend.admin import routes as admin_routes
from backend.api.body_limit import BodyLimit
from backend.api.errors import install_error_handlers
from backend.api.openapi_docs import install_openapi
from backend.api.outage import install_outage_handlers
from backend.api.routes import (
    agencies,
    agency,
    attendance,
    broadcasts,
    courses,
    follow_up,
    health,
    member_data,
    members,
    reports,
    sessions,
    survey_form,
    surveys,
    tokens,
    verify,
)
from backend.api.security_headers import SecurityHeaders
from backend.clock import Clock
from backend.logging_setup import protect_personal_data
from backend.runtime import Runtime, open_runtime
from backend.services.importer import MAX_FILE_BYTES
from backend.settings import Settings

# Order only matters for overlapping paths.
ROUTERS: list[APIRouter] = [
    health.router,
    courses.router,
    sessions.router,
    members.router,
    member_data.router,
    agencies.router,
    agency.router,
    tokens.router,
    surveys.router,
    attendance.router,
    reports.router,
    follow_up.router,
    verify.router,
    survey_form.router,
    broadcasts.router,
    admin_routes.router,
]

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def build_web_app(settings: Settings, *, lifespan: Lifespan, first_routers: Sequence[APIRouter] = ()) -> FastAPI:
    """The ASGI app: `first_routers` (a channel's webhook) ahead of the backend's routers. Nothing connects
    until the lifespan starts."""
    protect_personal_data()
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
    install_error_handlers(app)
    install_outage_handlers(app)
    install_openapi(app)
    for router in (*first_routers, *ROUTERS):
        app.include_router(router)
    app.add_middleware(BodyLimit, larger={"/admin/courses/import": MAX_FILE_BYTES + 256 * 1024})
    app.add_middleware(SecurityHeaders, https=settings.public_base_url.startswith("https://"))
    return app


@asynccontextmanager
async def serve_runtime(settings: Settings, *, init_database: bool = True,
                        clock: Clock | None = None) -> AsyncIterator[Runtime]:
    """A web process's runtime: connected, migrated and seeded when `init_database`; closed at the end.
    `clock`: the one clock (the machine's by default; tests hand in a frozen one)."""
    runtime = await open_runtime(settings, init_database=init_database,
                                 apply_migrations=init_database and settings.auto_migrate, clock=clock)
    try:
        if init_database:
            from backend.bootstrap import prepare_database

            await prepare_database(settings, clock=runtime.clock)
        from backend.admin.staff_accounts import ensure_demo_accounts

        await ensure_demo_accounts(runtime)
        yield runtime
    finally:
        await runtime.close()
