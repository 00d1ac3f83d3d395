"""Safe by default: a server nobody started for a demo gets production's rules, and production refuses weak
settings, naming each one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from backend.admin.staff_accounts import demo_admin_login
from backend.bootstrap import prepare_database
from backend.models import Course
from backend.settings import Settings
from tests.clock import CLOCK
from tests.production import STRONG, production_settings

CHECKOUT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """What this machine's environment sets (the test run's DATABASE_URL, ...) is not the deployment under test."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


def _refusal(**values: object) -> str:
    with pytest.raises(ValidationError) as refused:
        Settings(**values, _env_file=None)  # type: ignore[arg-type]
    return str(refused.value)


def test_an_unset_environment_is_production_and_refuses_to_start() -> None:
    message = _refusal()
    for setting in ("SECRET_KEY", "ADMIN_TOKEN", "LINE_CHANNEL_SECRET", "DATABASE_URL", "REDIS_URL"):
        assert setting in message


def test_real_secrets_without_environment_get_no_demo_no_emulator() -> None:
    values = {k: v for k, v in STRONG.items() if k != "environment"}
    settings = Settings(**values, _env_file=None)  # type: ignore[arg-type]
    assert settings.is_production
    assert demo_admin_login(settings) is None
    assert not settings.demo_enabled and not settings.use_line_emulator


@pytest.mark.parametrize("why, values", [
    ("a real LINE channel secret", {"environment": "development", "line_channel_secret": STRONG["line_channel_secret"]}),
    ("a database outside this machine", {"environment": "development",
                                         "database_url": "postgres://onde:pw@10.0.4.2:5432/onde"}),
    ("a test environment with a remote database", {"environment": "test",
                                                   "database_url": "postgres://onde@db.example.go.th/onde"}),
])
def test_production_rules_follow_the_deployment_not_the_label(why: str, values: dict[str, str]) -> None:
    message = _refusal(**values, demo=True)
    assert "production rules apply" in message, why
    assert "DEMO" in message and "SECRET_KEY" in message


@pytest.mark.parametrize("setting, value, reason", [
    ("secret_key", "a", "SECRET_KEY is shorter than 32 characters"),
    ("secret_key", "k" * 40, "SECRET_KEY repeats too few characters"),
    ("admin_token", "", "ADMIN_TOKEN is missing"),
    ("line_channel_secret", "a", "LINE_CHANNEL_SECRET must be the channel's 32-character secret"),
    ("line_channel_access_token", "token", "LINE_CHANNEL_ACCESS_TOKEN must be"),
    ("redis_url", None, "REDIS_URL must name the production Redis server"),
    ("public_base_url", "http://onde.example.go.th", "PUBLIC_BASE_URL must be the service's https:// address"),
    ("line_emulator", True, "LINE_EMULATOR is a development tool"),
    ("database_url", "sqlite:///data/onde.sqlite3", "DATABASE_URL must be a PostgreSQL URL"),
    ("liff_id", "2001234567-AbCdEfGh", "LINE_LOGIN_CHANNEL_ID must name the LINE Login channel of LIFF_ID"),
    ("survey_requires_line_login", True, "SURVEY_REQUIRES_LINE_LOGIN needs LIFF_ID"),
])
def test_production_refuses_each_weak_setting_by_name(setting: str, value: object, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        production_settings(**{setting: value})


def test_production_accepts_the_survey_form_bound_to_line_login() -> None:
    settings = production_settings(liff_id="2001234567-AbCdEfGh", line_login_channel_id="2001234567",
                                   survey_requires_line_login=True)
    assert settings.survey_links_base_url == "https://liff.line.me/2001234567-AbCdEfGh"


def test_local_development_still_starts_with_the_development_values() -> None:
    settings = Settings(environment="development", demo=True, _env_file=None)  # type: ignore[call-arg]
    assert settings.demo_enabled and settings.use_line_emulator
    assert demo_admin_login(settings) == ("admin", "onde-demo")


async def test_demo_data_and_demo_login_only_for_an_explicit_demo(db: None, test_settings: Settings) -> None:
    await prepare_database(test_settings.model_copy(update={"environment": "development"}), clock=CLOCK)
    assert await Course.all().count() == 0  # development without --demo: an empty catalogue
    await prepare_database(test_settings.model_copy(update={"environment": "development", "demo": True}),
                           clock=CLOCK)
    assert await Course.filter(code__startswith="DEMO-").count() == 100


def test_every_procfile_process_runs_under_production_rules() -> None:
    processes = [line.split(":", 1) for line in (CHECKOUT / "Procfile").read_text().splitlines() if ":" in line]
    assert processes
    for name, command in processes:
        commands = [part.strip() for part in command.split("&&")]
        assert all(part.startswith("ENVIRONMENT=production ") for part in commands), name


def test_serve_without_settings_refuses_and_names_them(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "ENVIRONMENT"))}
    result = subprocess.run([sys.executable, "-m", "backend", "serve"], cwd=tmp_path, env={
        **env, "PYTHONPATH": str(CHECKOUT)}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr
