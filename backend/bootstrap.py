"""First-start preparation of the database: framework data, survey templates, the bootstrap admin, demo
catalogue."""

from __future__ import annotations

import logging

from backend.clock import Clock
from backend.settings import Settings

log = logging.getLogger(__name__)


async def prepare_database(settings: Settings, *, clock: Clock) -> None:
    from backend.services import auth, demo_data, framework, surveys

    await framework.seed_framework()
    await surveys.ensure_shipped_templates()  # new ones created, ones still as an earlier version shipped updated
    await auth.ensure_bootstrap_admin(settings.admin_token)
    if settings.demo_enabled and await demo_data.seed_demo_data(today=clock.today()):
        log.info("demo catalogue seeded")
