"""Background worker (arq): job functions and cron schedule.

`python -m backend worker` runs it as its own process (Procfile `worker:`); under the
embedded default the web app runs the same worker inside its event loop (see backend.main).
Feature packages add their jobs to JOB_MODULES: each listed module exposes `JOBS` (a list of
async functions taking the arq ctx first), optionally `CRON_JOBS` (arq `cron(...)` entries) and
`SERVICES` (async functions taking the ctx that run beside the jobs for as long as the worker does,
e.g. the LINE inbox consumer; not in burst mode).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from typing import Any

from arq import Worker
from arq.cron import CronJob
from redis.exceptions import RedisError
from tortoise.exceptions import DBConnectionError

from backend.runtime import Runtime, open_runtime, queue_name
from backend.settings import Settings

log = logging.getLogger(__name__)
RESTART_MAX_DELAY_SECONDS = 30
RESTART_RESET_SECONDS = 60

JOB_MODULES: list[str] = [
    "backend.jobs.housekeeping",
    "backend.jobs.line_events",
    "backend.jobs.surveys",
    "backend.jobs.broadcasts",
]


def collect_jobs() -> tuple[list[Any], list[CronJob]]:
    functions: list[Any] = []
    crons: list[CronJob] = []
    for name in JOB_MODULES:
        module = importlib.import_module(name)
        functions.extend(getattr(module, "JOBS", []))
        crons.extend(getattr(module, "CRON_JOBS", []))
    return functions, crons


def collect_services() -> list[Service]:
    return [service for name in JOB_MODULES for service in getattr(importlib.import_module(name), "SERVICES", [])]


Service = Callable[[dict[str, Any]], Awaitable[None]]


class WorkerServices:
    """The long-running tasks beside the arq jobs; started with the worker, stopped with it."""

    def __init__(self, services: list[Service]) -> None:
        self.services = services
        self.tasks: list[asyncio.Task[None]] = []

    def start(self, ctx: dict[str, Any]) -> None:
        self.tasks = [asyncio.create_task(self._run(service, ctx), name=f"service-{service.__name__}")
                      for service in self.services]

    async def _run(self, service: Service, ctx: dict[str, Any]) -> None:
        while True:
            try:
                await service(ctx)
                return
            except Exception:
                log.exception("worker service %s failed; starting it again in 1 s", service.__name__)
                await asyncio.sleep(1)

    async def stop(self) -> None:
        tasks, self.tasks = self.tasks, []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def build_worker(runtime: Runtime, *, burst: bool = False, max_jobs: int = 20) -> Worker:
    """A worker that shares an already open runtime (used in-process and by tests).

    Its services (see module doc) run unless `burst`; whoever runs the worker ends them with
    `worker.services.stop()` (closing an arq worker whose Redis is gone never reaches its shutdown hook).
    """
    functions, crons = collect_jobs()
    services = WorkerServices([] if burst else collect_services())

    async def on_startup(ctx: dict[str, Any]) -> None:
        ctx["runtime"] = runtime
        services.start(ctx)

    worker = Worker(
        functions=functions,
        cron_jobs=crons,
        redis_pool=runtime.queue,
        queue_name=queue_name(runtime.settings),
        on_startup=on_startup,
        handle_signals=False,
        burst=burst,
        max_jobs=max_jobs,
        keep_result=60,
        poll_delay=0.05,
    )
    worker.services = services  # type: ignore[attr-defined]
    return worker


async def run_worker(settings: Settings) -> None:
    """Run the worker as its own process (`python -m backend worker`, Procfile `worker:`).

    Losing Redis or the database does not end the process: the worker closes what it has, waits (2, 4, 8 ...
    up to 30 s) and starts again, so it recovers by itself once the server is back. SIGTERM/SIGINT stop it.
    """
    if not settings.redis_url:
        raise SystemExit("the standalone worker needs REDIS_URL (the embedded default runs it in the web process)")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    failures = 0
    while not stop.is_set():
        started = time.monotonic()
        try:
            await _run_worker_once(settings, stop)
        except (RedisError, OSError, DBConnectionError) as exc:
            failures = 0 if time.monotonic() - started > RESTART_RESET_SECONDS else failures + 1
            delay = min(RESTART_MAX_DELAY_SECONDS, 2 ** min(failures, 5))
            log.warning("worker lost a dependency (%s); restarting in %d s", type(exc).__name__, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)


async def _run_worker_once(settings: Settings, stop: asyncio.Event) -> None:
    """Run until `stop` is set (returns) or a dependency fails (raises)."""
    from backend.features import attach_features

    runtime = await open_runtime(settings, full_pool=True)
    try:
        await attach_features(runtime)
        bot = runtime.extras.get("bot")
        if bot is not None:
            await bot.warm_up()
        worker = build_worker(runtime, max_jobs=50)
        running = asyncio.create_task(worker.async_run(), name="arq-worker")
        stopping = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if running.done():
                running.result()  # a failure propagates; a clean end returns
        finally:
            stopping.cancel()
            await worker.services.stop()  # type: ignore[attr-defined]
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await running
            with contextlib.suppress(Exception):
                await worker.close()
    finally:
        with contextlib.suppress(Exception):
            await runtime.close()
