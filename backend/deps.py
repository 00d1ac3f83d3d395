"""FastAPI dependencies shared by the routers: settings, runtime, clock, Redis, job queue."""

from __future__ import annotations

from typing import Annotated

from arq.connections import ArqRedis
from fastapi import Depends, Request
from redis.asyncio import Redis

from backend.clock import Clock
from backend.runtime import Runtime
from backend.settings import Settings


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime  # set when the app starts (its lifespan)
    return runtime


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings  # set when the app is built (backend.web)
    return settings


def get_redis(runtime: Annotated[Runtime, Depends(get_runtime)]) -> Redis:
    return runtime.redis


def get_clock(runtime: Annotated[Runtime, Depends(get_runtime)]) -> Clock:
    return runtime.clock


def get_queue(runtime: Annotated[Runtime, Depends(get_runtime)]) -> ArqRedis:
    return runtime.queue


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
RedisDep = Annotated[Redis, Depends(get_redis)]
QueueDep = Annotated[ArqRedis, Depends(get_queue)]
ClockDep = Annotated[Clock, Depends(get_clock)]
