"""First-start preparation of the database: framework data, survey templates, the bootstrap admin, demo
catalogue."""

from __future__ import annotations

import logging

from backend.clock import Clock
from backend.settings import Settings

log = logging.getLogger(__name__)


async def prepare_database(settings: Settings, *, clock: Clock) -> None:
    from backend.services import auth, framework, surveys

    await framework.seed_framework()
    await surveys.ensure_shipped_templates()  # new ones created, ones still as an earlier version shipped updated
    await auth.ensure_bootstrap_admin(settings.admin_token)
    if settings.demo_enabled and settings.demo_data:
        await seed_demo(clock)


async def seed_demo(clock: Clock) -> None:
    """The demo catalogue and its year of history, each only into a database that has none yet."""
    import time

    from backend.services import demo_data, demo_history

    started = time.perf_counter()  # a duration for the log, not a date
    if await demo_data.seed_demo_data(today=clock.today()):
        log.info("demo catalogue seeded")
    history = await demo_history.seed_demo_history(today=clock.today(), now=clock.utcnow())
    if history:
        log.info("demo history seeded in %.1f s: %s", time.perf_counter() - started, history)
