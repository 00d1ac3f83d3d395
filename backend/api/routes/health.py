"""Liveness and readiness: GET /healthz."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from backend import db
from backend.deps import RuntimeDep

router = APIRouter(tags=["health"])
CHECK_TIMEOUT_SECONDS = 2.0


async def _check(coro: Awaitable[object]) -> str:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            await coro
    except Exception:
        return "down"
    return "ok"


@router.get("/healthz", summary="Service health", responses={503: {"description": "a dependency is down"}})
async def healthz(runtime: RuntimeDep) -> JSONResponse:
    database = await _check(db.ping_db())
    redis = await _check(runtime.redis.ping())
    body: dict[str, str | list[str]] = {"status": "ok" if database == redis == "ok" else "degraded",
                                        "database": database, "redis": redis}
    down = [name for name in ("database", "redis") if body[name] != "ok"]
    if down:
        body["down"] = down
        return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})
    return JSONResponse(body)
