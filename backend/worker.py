"""Background worker (arq): the backend's job functions, their cron schedule, and the restart loop.

The composition root (app/) runs it: as its own process (`python -m app worker`, Procfile `worker:`) or, under
the embedded default, inside the web app's event loop. A channel brings its own parts (`WorkerParts`: jobs,
cron entries and *services*, long-running tasks beside the jobs such as the LINE inbox consumer; services do
not run in burst mode); the backend knows none of them by name.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from arq import Worker
from arq.cron import CronJob
from arq.typing import WorkerCoroutine
from redis.exceptions import RedisError
from tortoise.exceptions import DBConnectionError

from backend.jobs import broadcasts, housekeeping, nominations, promotions, surveys
from backend.runtime import Runtime, open_runtime, queue_name
from backend.settings import Settings

log = logging.getLogger(__name__)
RESTART_MAX_DELAY_SECONDS = 30
RESTART_RESET_SECONDS = 60
JOB_POLL_SECONDS = 0.25

Service = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class WorkerParts:
    """Job functions (taking the arq ctx first; `ctx["runtime"]` is the Runtime), cron entries and services."""

    jobs: Sequence[WorkerCoroutine] = ()
    cron_jobs: Sequence[CronJob] = ()
    services: Sequence[Service] = ()

    def __add__(self, other: WorkerParts) -> WorkerParts:
        return WorkerParts([*self.jobs, *other.jobs], [*self.cron_jobs, *other.cron_jobs],
                           [*self.services, *other.services])


def backend_parts() -> WorkerParts:
    """The backend's own jobs: housekeeping, promotions, surveys and certificates, broadcasts, nominations."""
    modules = (housekeeping, promotions, surveys, broadcasts, nominations)
    return WorkerParts(
        jobs=[job for module in modules for job in module.JOBS],
        cron_jobs=[entry for module in modules for entry in getattr(module, "CRON_JOBS", [])],
    )


class WorkerServices:
    """The long-running tasks beside the arq jobs; started with the worker, stopped with it."""

    def __init__(self, services: Sequence[Service]) -> None:
        self.services = list(services)
        self.tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self.tasks = [asyncio.create_task(self._run(service), name=f"service-{_name(service)}")
                      for service in self.services]

    async def _run(self, service: Service) -> None:
        while True:
            try:
                await service()
                return
            except Exception:
                log.exception("worker service %s failed; starting it again in 1 s", _name(service))
                await asyncio.sleep(1)

    async def stop(self) -> None:
        tasks, self.tasks = self.tasks, []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _name(service: Service) -> str:
    return getattr(service, "__name__", type(service).__name__)


class ServicedWorker(Worker):
    """An arq worker and the services (WorkerServices) that run beside its jobs."""

    services: WorkerServices


def build_worker(runtime: Runtime, *, extra: WorkerParts = WorkerParts(), burst: bool = False,
                 max_jobs: int = 20) -> ServicedWorker:
    """A worker that shares an already open runtime: the backend's jobs plus `extra` (a channel's parts).

    Its services (see module doc) run unless `burst`; whoever runs the worker ends them with
    `worker.services.stop()` (closing an arq worker whose Redis is gone never reaches its shutdown hook).
    """
    parts = backend_parts() + extra
    services = WorkerServices([] if burst else parts.services)

    async def on_startup(ctx: dict[str, Any]) -> None:
        ctx["runtime"] = runtime
        services.start()

    worker = ServicedWorker(
        functions=list(parts.jobs),
        cron_jobs=list(parts.cron_jobs),
        redis_pool=runtime.queue,
        queue_name=queue_name(runtime.settings),
        on_startup=on_startup,
        handle_signals=False,
        burst=burst,
        max_jobs=max_jobs,
        keep_result=60,
        # How often the worker looks for queued jobs (pushes after a promotion, certificates, survey invites,
        # broadcasts); chat events do not wait for it (the inbox consumer blocks on its own ready list).
        poll_delay=JOB_POLL_SECONDS,
    )
    worker.services = services
    return worker


Plug = Callable[[Runtime], Awaitable[WorkerParts]]
"""What the composition root does to a freshly opened runtime before its worker starts: connect the ports
(runtime.notifier ...), warm up, and return the parts its channel brings."""


async def run_worker(settings: Settings, *, plug: Plug) -> None:
    """Run the worker as its own process (`python -m app worker`, Procfile `worker:`).

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
            await _run_worker_once(settings, stop, plug)
        except (RedisError, OSError, DBConnectionError) as exc:
            failures = 0 if time.monotonic() - started > RESTART_RESET_SECONDS else failures + 1
            delay = min(RESTART_MAX_DELAY_SECONDS, 2 ** min(failures, 5))
            log.warning("worker lost a dependency (%s); restarting in %d s", type(exc).__name__, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)


GC_YOUNG_THRESHOLD = 10_000


def settle_heap() -> None:
    """After start-up (models, the NLU, the search index): keep what is loaded out of the cyclic garbage
    collector's way. A handled event allocates thousands of small objects (a Flex carousel alone hundreds of
    dicts), so the collector ran every few events and, every hundred or so young collections, walked the whole
    heap, start-up included; frozen, those objects are never walked again, and young collections run every
    GC_YOUNG_THRESHOLD allocations instead of 700."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


async def _run_worker_once(settings: Settings, stop: asyncio.Event, plug: Plug) -> None:
    """Run until `stop` is set (returns) or a dependency fails (raises)."""
    from backend.admin.staff_accounts import ensure_demo_accounts

    runtime = await open_runtime(settings, full_pool=True)
    try:
        await ensure_demo_accounts(runtime)
        extra = await plug(runtime)
        settle_heap()
        worker = build_worker(runtime, extra=extra, max_jobs=50)
        running = asyncio.create_task(worker.async_run(), name="arq-worker")
        stopping = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if running.done():
                running.result()  # a failure propagates; a clean end returns
        finally:
            stopping.cancel()
            await worker.services.stop()
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await running
            with contextlib.suppress(Exception):
                await worker.close()
    finally:
        with contextlib.suppress(Exception):
            await runtime.close()
