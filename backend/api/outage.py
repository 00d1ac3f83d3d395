"""When PostgreSQL or Redis is unreachable, answer 503 with Retry-After instead of a 500.

LINE redelivers webhooks that were not acknowledged, and API clients know to retry a 503, so nothing is
lost; the request's transaction was never committed, so nothing is half-written.
"""

from __future__ import annotations

import logging

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from tortoise.exceptions import DBConnectionError

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5

UNAVAILABLE = (
    DBConnectionError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.InterfaceError,
    asyncpg.exceptions.AdminShutdownError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionError,
    TimeoutError,
)
DRIVER_MODULES = ("asyncpg", "redis", "tortoise.backends")


def raised_by_a_driver(exc: BaseException) -> bool:
    """True when the error came out of a database or Redis driver (e.g. a unix socket that vanished)."""
    tb = exc.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith(DRIVER_MODULES):
            return True
        tb = tb.tb_next
    return False


def dependency_name(exc: BaseException) -> str:
    return "redis" if isinstance(exc, RedisConnectionError | RedisTimeoutError) else "database"


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, UNAVAILABLE) and not raised_by_a_driver(exc):
        raise exc
    name = dependency_name(exc)
    log.warning("%s unavailable while serving %s %s: %s", name, request.method, request.url.path,
                type(exc).__name__)
    return JSONResponse(
        {"detail": f"{name} temporarily unavailable, please retry", "code": f"{name}_unavailable"},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def install_outage_handlers(app: FastAPI) -> None:
    for exc_type in (*UNAVAILABLE, OSError):
        app.add_exception_handler(exc_type, _unavailable)
