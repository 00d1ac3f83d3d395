"""``create_emulator_app``: the LINE platform stand-in as one FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from line_emulator.config import EmulatorConfig
from line_emulator.control import build_control_router
from line_emulator.line_api import build_line_router
from line_emulator.line_login import build_line_login_router
from line_emulator.spec import load_spec
from line_emulator.state import Emulator

__all__ = ["create_emulator_app"]


def create_emulator_app(config: EmulatorConfig | None = None, *, emulator: Emulator | None = None) -> FastAPI:
    """The emulator app; its state is ``app.state.emulator``.

    The OpenAPI document is parsed and its validators compiled here, once per file version.
    """
    config = config or EmulatorConfig()
    state = emulator or Emulator(config)
    spec = load_spec(state.config.spec_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await state.aclose()

    app = FastAPI(title="LINE platform emulator", docs_url="/_emulator/docs", openapi_url="/_emulator/openapi.json",
                  redoc_url=None, lifespan=lifespan)
    if state.config.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=state.config.cors_origins, allow_methods=["*"],
                           allow_headers=["*"], expose_headers=["x-line-request-id"])
    app.state.emulator = state
    app.state.line_spec = spec
    app.include_router(build_control_router(state))
    app.include_router(build_line_login_router(state))
    app.include_router(build_line_router(state, spec))
    return app
