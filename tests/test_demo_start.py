"""What a demo start gives: the demo accounts as a list (printed at start-up), only for an explicit demo; the
sample data unless asked to start empty."""

from __future__ import annotations

import pytest

from app.__main__ import build_parser
from backend.admin.staff_accounts import demo_admin_login, demo_logins
from backend.bootstrap import prepare_database
from backend.models import Course, Member
from backend.settings import Settings
from tests.clock import CLOCK
from tests.production import STRONG


@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


def test_the_demo_logins_are_a_list_for_a_demo_only() -> None:
    demo = Settings(environment="development", demo=True, _env_file=None)  # type: ignore[call-arg]
    logins = demo_logins(demo)
    assert [(d.username, d.role) for d in logins][:2] == [("admin", "admin"), ("trainer.demo", "trainer")]
    assert demo_admin_login(demo) == ("admin", "onde-demo")
    assert demo_logins(Settings(environment="development", _env_file=None)) == []  # type: ignore[call-arg]
    production = Settings(**{k: v for k, v in STRONG.items()}, _env_file=None)  # type: ignore[arg-type]
    assert demo_logins(production) == []


def test_serve_can_start_a_demo_empty() -> None:
    args = build_parser().parse_args(["serve", "--demo", "--empty"])
    assert args.demo and args.empty
    assert not build_parser().parse_args(["serve", "--demo"]).empty


async def test_an_empty_demo_has_no_sample_data(db: None, test_settings: Settings) -> None:
    await prepare_database(test_settings.model_copy(update={"environment": "development", "demo": True,
                                                            "demo_data": False}), clock=CLOCK)
    assert await Course.all().count() == 0 and await Member.all().count() == 0


async def test_development_without_demo_has_no_members_nor_history(db: None, test_settings: Settings) -> None:
    await prepare_database(test_settings.model_copy(update={"environment": "development"}), clock=CLOCK)
    assert await Member.all().count() == 0 and await Course.all().count() == 0
