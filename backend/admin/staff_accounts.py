"""Staff accounts for the admin web: the `create-staff` command, the development demo admin and the demo agency
coordinator."""

from __future__ import annotations

import logging

from backend.runtime import Runtime
from backend.services.auth import create_staff_user, ensure_staff_account
from backend.services.members import find_agency_by_name
from backend.settings import Settings

log = logging.getLogger(__name__)
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "onde-demo"
DEMO_COORDINATOR_USERNAME = "coordinator"
DEMO_COORDINATOR_PASSWORD = "onde-demo"
DEMO_COORDINATOR_AGENCY = "กรมการปกครอง"  # one of backend/data/demo/agencies.yaml


def demo_admin_login(settings: Settings) -> tuple[str, str] | None:
    """The demo sign-in printed by `make run`: only for a demo (serve --demo), never under production rules."""
    if not settings.demo_enabled:
        return None
    return DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD


async def ensure_demo_admin(runtime: Runtime) -> None:
    """Feature hook: in development, give the bootstrap admin the demo password if it has none."""
    if demo_admin_login(runtime.settings) is None or not runtime.owns_db:
        return
    await ensure_staff_account(username=DEMO_ADMIN_USERNAME, role="admin", display_name="ผู้ดูแลระบบ (ทดลอง)",
                               password=DEMO_ADMIN_PASSWORD)
    await ensure_demo_coordinator(runtime)


def demo_coordinator_login(settings: Settings) -> tuple[str, str, str] | None:
    """The demo agency coordinator's sign-in (username, password, agency): only for a demo, like the admin's."""
    if not settings.demo_enabled:
        return None
    return DEMO_COORDINATOR_USERNAME, DEMO_COORDINATOR_PASSWORD, DEMO_COORDINATOR_AGENCY


async def ensure_demo_coordinator(runtime: Runtime) -> None:
    """In a demo, a coordinator for the demo agency (once the demo agencies are there)."""
    login = demo_coordinator_login(runtime.settings)
    if login is None or not runtime.owns_db:
        return
    agency = await find_agency_by_name(login[2])
    if agency is None:
        return
    await ensure_staff_account(username=login[0], role="coordinator", display_name="ผู้ประสานงานหน่วยงาน (ทดลอง)",
                               password=login[1], agency_id=agency.id)


async def create_staff_account(settings: Settings, *, username: str, role: str, password: str,
                               display_name: str = "", agency_id: int | None = None) -> str:
    """`python -m backend create-staff`: a new admin, trainer or agency coordinator who can sign in to /admin."""
    from backend.db import close_db, init_db

    if len(password) < 8:
        raise SystemExit("the password needs at least 8 characters")
    await init_db(settings)
    try:
        user = await create_staff_user(username=username, role=role, password=password,
                                       display_name=display_name, actor="cli", agency_id=agency_id)
    finally:
        await close_db()
    return f"created {user.role} {user.username} (id {user.id})"
