"""Background worker (arq): job functions and cron schedule.

`python -m backend worker` runs it as its own process (Procfile `worker:`); under the
embedded default the web app runs the same worker inside its event loop (see backend.main).
Feature packages add their jobs to JOB_MODULES: each listed module exposes `JOBS` (a list of
async functions taking the arq ctx first) and optionally `CRON_JOBS` (arq `cron(...)` entries).
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from arq import Worker
from arq.cron import CronJob

from backend.runtime import Runtime, open_runtime, queue_name
from backend.settings import Settings

log = logging.getLogger(__name__)

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


def build_worker(runtime: Runtime, *, burst: bool = False, max_jobs: int = 20) -> Worker:
    """A worker that shares an already open runtime (used in-process and by tests)."""
    functions, crons = collect_jobs()

    async def on_startup(ctx: dict[str, Any]) -> None:
        ctx["runtime"] = runtime

    return Worker(
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


async def run_worker(settings: Settings) -> None:
    """Run the worker as its own process (`python -m backend worker`, Procfile `worker:`)."""
    from backend.features import attach_features

    if not settings.redis_url:
        raise SystemExit("the standalone worker needs REDIS_URL (the embedded default runs it in the web process)")
    runtime = await open_runtime(settings)
    await attach_features(runtime)
    worker = build_worker(runtime, max_jobs=50)
    worker.handle_signals = True
    try:
        await worker.main()
    finally:
        await worker.close()
        await runtime.close()
