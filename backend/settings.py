"""Application settings: read once from the environment (and .env), then injected."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "dev-insecure-secret-change-me"
DEFAULT_ADMIN_TOKEN = "dev-admin-token"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every knob of the product. Unset DATABASE_URL / REDIS_URL mean the embedded servers under DATA_DIR."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    environment: Literal["development", "test", "production"] = "development"
    database_url: str | None = None
    # PostgreSQL connections per process (minsize/maxsize in DATABASE_URL win). A worker opens all of its
    # connections when it starts, so the first burst after a deploy does not wait for new connections.
    database_pool_size: int = Field(default=20, ge=1, le=200)
    database_pool_min: int = Field(default=2, ge=1, le=200)
    redis_url: str | None = None
    # Every embedded store (PostgreSQL, Redis) lives here: one DATA_DIR per server run side by side.
    data_dir: Path = PROJECT_ROOT / "data"

    line_channel_secret: str = DEFAULT_SECRET
    line_channel_access_token: str = "dev-channel-access-token"
    line_api_base_url: str = "https://api.line.me"
    # Multicast requests per second shared by every worker process (LINE's limit for the channel).
    line_multicast_rate: float = 200.0
    # In development the LINE platform emulator (line_emulator/, development install) is mounted in the web
    # app and used by the bot.
    # None = decide by environment: on in development unless a real channel secret is configured.
    line_emulator: bool | None = None

    public_base_url: str = "http://127.0.0.1:8000"
    admin_token: str = DEFAULT_ADMIN_TOKEN
    secret_key: str = DEFAULT_SECRET
    host: str = "127.0.0.1"
    port: int = 8000

    # Worker: run the arq worker inside the web process (embedded default) or as its own process.
    worker_in_process: bool = True
    redis_prefix: str = ""

    # Apply migrations and seed on start-up (the embedded default); production runs `migrate` explicitly.
    auto_migrate: bool = True
    seed_demo_data: bool = True

    @model_validator(mode="after")
    def _refuse_a_database_other_than_postgres(self) -> Settings:
        if self.database_url and not normalize_database_url(self.database_url).startswith("postgres://"):
            given = f"a {self.database_url.split('://', 1)[0]}:// URL" if "://" in self.database_url else "no URL"
            raise ValueError(f"DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/name), "
                             f"got {given}")
        return self

    @model_validator(mode="after")
    def _refuse_default_secrets_in_production(self) -> Settings:
        if self.environment == "production":
            weak = [
                name
                for name, value, default in (
                    ("LINE_CHANNEL_SECRET", self.line_channel_secret, DEFAULT_SECRET),
                    ("SECRET_KEY", self.secret_key, DEFAULT_SECRET),
                    ("ADMIN_TOKEN", self.admin_token, DEFAULT_ADMIN_TOKEN),
                )
                if not value or value == default
            ]
            if weak:
                raise ValueError(f"refusing to start in production with default secrets: {', '.join(weak)}")
            if not self.database_url or not self.redis_url:
                raise ValueError("production needs DATABASE_URL and REDIS_URL")
        return self

    @property
    def use_line_emulator(self) -> bool:
        if self.line_emulator is not None:
            return self.line_emulator
        return self.environment == "development" and self.line_channel_secret == DEFAULT_SECRET

    @property
    def effective_line_api_base_url(self) -> str:
        """Where the bot sends Messaging API calls (the mounted emulator in development)."""
        if self.use_line_emulator:
            return f"{self.public_base_url.rstrip('/')}/_line"
        return self.line_api_base_url.rstrip("/")

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


def normalize_database_url(url: str) -> str:
    """Tortoise spells PostgreSQL as postgres://; accept the usual postgresql:// forms too."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "asyncpg://"):
        if url.startswith(prefix):
            return "postgres://" + url[len(prefix):]
    return url


@lru_cache
def get_settings() -> Settings:
    return Settings()
