"""The demo's agency coordinator: created only for a demo, for one of the demo agencies, and printed at start."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from backend.admin.staff_accounts import demo_logins, ensure_demo_accounts
from backend.bootstrap import prepare_database
from backend.models import StaffUser
from backend.services.auth import verify_password
from backend.settings import Settings
from tests.clock import CLOCK


@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DEMO", "ENVIRONMENT"):
        monkeypatch.delenv(name, raising=False)


def test_only_a_demo_has_the_coordinator() -> None:
    development = Settings(environment="development", _env_file=None)  # type: ignore[call-arg]
    assert demo_logins(development) == []
    demo = Settings(environment="development", demo=True, _env_file=None)  # type: ignore[call-arg]
    coordinator = next(login for login in demo_logins(demo) if login.role == "coordinator")
    assert (coordinator.username, coordinator.password, coordinator.agency) == (
        "coordinator", "onde-demo", "กรมการปกครอง")


async def test_the_demo_creates_a_coordinator_of_a_demo_agency(db: None, test_settings: Settings) -> None:
    settings = test_settings.model_copy(update={"environment": "development", "demo": True})
    await prepare_database(settings, clock=CLOCK)
    await ensure_demo_accounts(SimpleNamespace(settings=settings, owns_db=True))  # type: ignore[arg-type]
    user = await StaffUser.get(username="coordinator").prefetch_related("agency")
    assert user.role == "coordinator" and user.agency is not None and user.agency.name == "กรมการปกครอง"
    assert verify_password(user.password_hash, "onde-demo")
    plain = test_settings.model_copy(update={"environment": "development", "demo": False})
    await StaffUser.filter(id=user.id).delete()
    await ensure_demo_accounts(SimpleNamespace(settings=plain, owns_db=True))  # type: ignore[arg-type]
    assert not await StaffUser.filter(username="coordinator").exists()
