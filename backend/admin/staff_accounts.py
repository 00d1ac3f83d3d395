"""Staff accounts for the admin web: the `create-staff` command and the development demo accounts (an ONDE admin,
a trainer and an agency coordinator)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from backend.runtime import Runtime
from backend.services.auth import MIN_PASSWORD_LENGTH, create_staff_user, ensure_staff_account
from backend.services.members import find_agency_by_name
from backend.settings import Settings

log = logging.getLogger(__name__)
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "onde-demo"


@dataclass(frozen=True)
class DemoLogin:
    """A demo account: created (or given its password) at start-up of a demo, printed by `make run`."""

    username: str
    password: str
    role: str
    display_name: str
    shows: str  # what the account is for, in the start-up banner
    agency: str | None = None  # a coordinator's agency, one of backend/data/demo/agencies.yaml


# One line per demo account (the trainer is the demo catalogue's, backend.services.demo_data).
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD, "admin", "ผู้ดูแลระบบ (ทดลอง)", "ONDE admin"),
    DemoLogin("trainer.demo", "onde-demo", "trainer", "วิทยากรสาธิต (บัญชีตัวอย่าง)", "trainer"),
    DemoLogin("coordinator", "onde-demo", "coordinator", "ผู้ประสานงานหน่วยงาน (ทดลอง)",
              "agency coordinator, กรมการปกครอง", agency="กรมการปกครอง"),
)


def demo_logins(settings: Settings) -> list[DemoLogin]:
    """The demo sign-ins printed by `make run`: only for a demo (serve --demo), never under production rules."""
    return list(DEMO_LOGINS) if settings.demo_enabled else []


def demo_admin_login(settings: Settings) -> tuple[str, str] | None:
    """The demo admin's sign-in (the first of demo_logins), None outside a demo."""
    logins = demo_logins(settings)
    return (logins[0].username, logins[0].password) if logins else None


async def ensure_demo_accounts(runtime: Runtime) -> None:
    """Feature hook: in a demo, make sure each demo account exists and has its demo password if it has none."""
    if not runtime.owns_db:
        return
    for login in demo_logins(runtime.settings):
        agency_id = None
        if login.agency is not None:
            agency = await find_agency_by_name(login.agency)
            if agency is None:  # the demo agencies are not there (an empty demo)
                continue
            agency_id = agency.id
        await ensure_staff_account(username=login.username, role=login.role, display_name=login.display_name,
                                   password=login.password, agency_id=agency_id)


async def create_staff_account(settings: Settings, *, username: str, role: str, password: str,
                               display_name: str = "", agency_id: int | None = None) -> str:
    """`python -m backend create-staff`: a new admin, trainer or agency coordinator who can sign in to /admin."""
    from backend.db import close_db, init_db

    if len(password) < MIN_PASSWORD_LENGTH:
        raise SystemExit(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    await init_db(settings)
    try:
        user = await create_staff_user(username=username, role=role, password=password,
                                       display_name=display_name, actor="cli", agency_id=agency_id)
    finally:
        await close_db()
    return f"created {user.role} {user.username} (id {user.id})"
