"""Staff accounts for the admin web: the `create-staff` command and the development demo admin."""

from __future__ import annotations

import logging

from backend.runtime import Runtime
from backend.services.auth import create_staff_user, ensure_staff_account
from backend.settings import Settings

log = logging.getLogger(__name__)
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "onde-demo"


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


async def create_staff_account(settings: Settings, *, username: str, role: str, password: str,
                               display_name: str = "") -> str:
    """`python -m backend create-staff`: a new admin or trainer who can sign in to /admin."""
    from backend.db import close_db, init_db

    if len(password) < 8:
        raise SystemExit("the password needs at least 8 characters")
    await init_db(settings)
    try:
        user = await create_staff_user(username=username, role=role, password=password,
                                       display_name=display_name, actor="cli")
    finally:
        await close_db()
    return f"created {user.role} {user.username} (id {user.id})"
