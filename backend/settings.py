"""Application settings: read once from the environment (and .env), then injected."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "dev-insecure-secret-change-me"
DEFAULT_ADMIN_TOKEN = "dev-admin-token"
DEFAULT_ACCESS_TOKEN = "dev-channel-access-token"
# LINE channel secrets are 32 hexadecimal characters: one set means a real channel, so production's rules.
REAL_CHANNEL_SECRET = re.compile(r"[0-9a-f]{32}")
MIN_SECRET_BYTES = 32
MIN_SECRET_DISTINCT = 12
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every knob of the product. Unset DATABASE_URL / REDIS_URL mean the embedded servers under DATA_DIR."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    # Production is the default: a server that was not explicitly started for development or a demo applies
    # production's rules (strong secrets, real servers, no demo accounts or data).
    environment: Literal["development", "test", "production"] = "production"
    database_url: str | None = None
    # PostgreSQL connections per process (minsize/maxsize in DATABASE_URL win). A worker opens all of its
    # connections when it starts, so the first burst after a deploy does not wait for new connections.
    database_pool_size: int = Field(default=20, ge=1, le=200)
    database_pool_min: int = Field(default=2, ge=1, le=200)
    redis_url: str | None = None
    # Every embedded store (PostgreSQL, Redis) lives here: one DATA_DIR per server run side by side.
    data_dir: Path = PROJECT_ROOT / "data"

    line_channel_secret: str = DEFAULT_SECRET
    line_channel_access_token: str = DEFAULT_ACCESS_TOKEN
    line_api_base_url: str = "https://api.line.me"
    # Multicast requests per second shared by every worker process (LINE's limit for the channel).
    line_multicast_rate: float = 200.0
    # In development the LINE platform emulator (line_emulator/, development install) is mounted in the web
    # app and used by the bot.
    # None = decide by environment: on in development unless a real channel secret is configured.
    line_emulator: bool | None = None

    public_base_url: str = "http://127.0.0.1:8000"
    # The survey form as a LIFF app (LINE's in-app browser, scope openid, endpoint URL = PUBLIC_BASE_URL):
    # survey links open through https://liff.line.me/<LIFF_ID>, the form sends LINE's ID token with the
    # answers, and the answer counts only for the LINE user the link was sent to. LINE_LOGIN_CHANNEL_ID is
    # the LINE Login channel the LIFF app belongs to (the ID token's audience).
    liff_id: str | None = Field(default=None, pattern=r"^[0-9]{6,12}-[A-Za-z0-9]{4,16}$")
    line_login_channel_id: str | None = Field(default=None, pattern=r"^[0-9]{6,12}$")
    # Refuse survey answers that do not come with a LINE ID token of the member (the link alone is not enough).
    survey_requires_line_login: bool = False
    admin_token: str = DEFAULT_ADMIN_TOKEN
    secret_key: str = DEFAULT_SECRET
    host: str = "127.0.0.1"
    port: int = 8000

    # Worker: run the arq worker inside the web process (embedded default) or as its own process.
    worker_in_process: bool = True
    redis_prefix: str = ""
    # Micro-batching in the worker: while events stream in (the next came less than this after the ready list
    # ran dry), the worker waits this long before taking the users whose events are waiting, so that more of
    # them are handled together and share their round trips to Redis and PostgreSQL. Answers come up to this
    # much later; at 500 events/s on two workers, CPU per event falls by about 40% (bench/RESULTS.md). A
    # message after a quiet spell is answered at once, and a worker short of CPU (its wait ends late) stops
    # gathering for a few seconds. 0 turns it off.
    inbox_gather_ms: int = Field(default=150, ge=0, le=500)

    # /docs, /redoc and /openapi.json: None = served everywhere except under production's rules.
    api_docs: bool | None = None

    # Apply migrations on start-up (the embedded default); production runs `migrate` explicitly.
    auto_migrate: bool = True
    # The demo: sample courses and sessions, the demo admin (admin / onde-demo) and the demo trainer. Only
    # `make run` (python -m backend serve --demo) turns it on, and only development allows it.
    demo: bool = False
    # With the demo: its sample data (the catalogue and a year of history: members, past sessions, answers,
    # certificates). False (`serve --demo --empty`, `make run EMPTY=1`) starts with the demo accounts only.
    demo_data: bool = True

    @model_validator(mode="after")
    def _refuse_a_database_other_than_postgres(self) -> Settings:
        if self.database_url and not normalize_database_url(self.database_url).startswith("postgres://"):
            given = f"a {self.database_url.split('://', 1)[0]}:// URL" if "://" in self.database_url else "no URL"
            raise ValueError(f"DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/name), "
                             f"got {given}")
        return self

    @model_validator(mode="after")
    def _refuse_weak_settings_under_production_rules(self) -> Settings:
        reasons = self.production_reasons()
        if not reasons:
            return self
        problems = self.production_problems()
        if problems:
            why = "" if self.environment == "production" else f" (production rules apply: {'; '.join(reasons)})"
            raise ValueError(f"refusing to start{why}: " + "; ".join(problems))
        return self

    def production_reasons(self) -> list[str]:
        """Why production's rules apply: ENVIRONMENT=production, a real LINE channel secret, or a database
        outside this machine. Empty for development and test setups."""
        reasons = []
        if self.environment == "production":
            reasons.append("ENVIRONMENT=production")
        if REAL_CHANNEL_SECRET.fullmatch(self.line_channel_secret):
            reasons.append("LINE_CHANNEL_SECRET is a real channel secret")
        if self.database_url and not _is_loopback_database(self.database_url):
            reasons.append("DATABASE_URL points outside this machine")
        return reasons

    def production_problems(self) -> list[str]:
        """Every setting production refuses, each naming the setting and what it needs."""
        problems = []
        for name, value in (("SECRET_KEY", self.secret_key), ("ADMIN_TOKEN", self.admin_token)):
            if weakness := _weak_secret(value, defaults=(DEFAULT_SECRET, DEFAULT_ADMIN_TOKEN)):
                problems.append(f"{name} {weakness} (make one with: python -c "
                                f"'import secrets; print(secrets.token_urlsafe(48))')")
        if not REAL_CHANNEL_SECRET.fullmatch(self.line_channel_secret):
            problems.append("LINE_CHANNEL_SECRET must be the channel's 32-character secret from the LINE "
                            "Developers console")
        if self.line_channel_access_token == DEFAULT_ACCESS_TOKEN or len(self.line_channel_access_token) < 40:
            problems.append("LINE_CHANNEL_ACCESS_TOKEN must be the channel's long-lived access token")
        if not self.database_url:
            problems.append("DATABASE_URL must name the production PostgreSQL server")
        if not self.redis_url:
            problems.append("REDIS_URL must name the production Redis server")
        if self.line_emulator:
            problems.append("LINE_EMULATOR is a development tool and must be off")
        if self.demo:
            problems.append("DEMO (sample data and the published demo accounts) is for development only")
        if not self.public_base_url.startswith("https://"):
            problems.append("PUBLIC_BASE_URL must be the service's https:// address")
        if (self.liff_id or self.survey_requires_line_login) and not self.line_login_channel_id:
            problems.append("LINE_LOGIN_CHANNEL_ID must name the LINE Login channel of LIFF_ID (the survey form "
                            "verifies LINE's ID tokens against it)")
        if self.survey_requires_line_login and not self.liff_id:
            problems.append("SURVEY_REQUIRES_LINE_LOGIN needs LIFF_ID: outside a LIFF app no answer could carry "
                            "LINE's ID token")
        return problems

    @property
    def use_line_emulator(self) -> bool:
        if self.line_emulator is not None:
            return self.line_emulator
        return self.environment == "development" and not self.production_reasons()

    @property
    def demo_enabled(self) -> bool:
        """Demo accounts and data: only when asked for (--demo) and never under production rules."""
        return self.demo and self.environment == "development" and not self.production_reasons()

    @property
    def api_docs_enabled(self) -> bool:
        return self.api_docs if self.api_docs is not None else not self.production_reasons()

    @property
    def effective_line_api_base_url(self) -> str:
        """Where the bot sends Messaging API calls (the mounted emulator in development)."""
        if self.use_line_emulator:
            return f"{self.public_base_url.rstrip('/')}/_line"
        return self.line_api_base_url.rstrip("/")

    @property
    def survey_links_base_url(self) -> str:
        """Where survey links point: the LIFF app when there is one (LINE opens it at PUBLIC_BASE_URL + the
        rest of the path), else the service itself."""
        if self.liff_id:
            return f"https://liff.line.me/{self.liff_id}"
        return self.public_base_url.rstrip("/")

    @property
    def verifies_line_login(self) -> bool:
        """The survey form checks LINE ID tokens (a LINE Login channel is configured)."""
        return bool(self.line_login_channel_id)

    @property
    def is_production(self) -> bool:
        return bool(self.production_reasons())


def _weak_secret(value: str, *, defaults: tuple[str, ...]) -> str | None:
    """Why a signing key or token is too weak to guess-proof (None when it is strong enough): at least 32
    characters, not a published default, not a repeated pattern."""
    if not value:
        return "is missing"
    if value in defaults:
        return "is the published development value"
    if len(value.encode()) < MIN_SECRET_BYTES:
        return f"is shorter than {MIN_SECRET_BYTES} characters"
    if len(set(value)) < MIN_SECRET_DISTINCT:
        return "repeats too few characters to be random"
    return None


def _is_loopback_database(url: str) -> bool:
    """The database runs on this machine: a Unix socket or a loopback address."""
    parts = urlsplit(normalize_database_url(url))
    query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    if query.get("host", "").startswith("/") or not parts.hostname:
        return True
    host = parts.hostname
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_database_url(url: str) -> str:
    """Tortoise spells PostgreSQL as postgres://; accept the usual postgresql:// forms too."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "asyncpg://"):
        if url.startswith(prefix):
            return "postgres://" + url[len(prefix):]
    return url


@lru_cache
def get_settings() -> Settings:
    return Settings()
