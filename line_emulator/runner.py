"""Run the emulator in-process on a free loopback port (tests, benchmarks, ``make run``)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, NamedTuple

import httpx
import uvicorn

from line_emulator.app import create_emulator_app
from line_emulator.config import EmulatorConfig
from line_emulator.state import Emulator

__all__ = ["RunningEmulator", "run_emulator", "serve_app"]


class RunningEmulator(NamedTuple):
    base_url: str
    emulator: Emulator


@asynccontextmanager
async def serve_app(app: Any, *, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
    """Serve any ASGI ``app`` with uvicorn inside the running event loop; yields its base URL.

    ``port=0`` picks a free port.  Signals are left to the host process.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.setblocking(False)
    bound_port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", log_config=None, access_log=False, lifespan="on",
                       timeout_graceful_shutdown=1)
    )
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("server stopped during startup")
            await asyncio.sleep(0.005)
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        await task
        sock.close()


@asynccontextmanager
async def run_emulator(
    config: EmulatorConfig | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    webhook_transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[RunningEmulator]:
    """Start the emulator; yields ``(base_url, emulator)``.

    Point ``LINE_API_BASE_URL`` (both API and data-API hosts) at ``base_url``.  With
    ``webhook_transport=httpx.ASGITransport(bot_app)`` webhooks reach the bot in-process.
    """
    config = config or EmulatorConfig()
    app = create_emulator_app(config, emulator=Emulator(config, webhook_transport=webhook_transport))
    async with serve_app(app, host=host, port=port) as base_url:
        yield RunningEmulator(base_url, app.state.emulator)
