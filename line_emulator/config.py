"""Settings of the LINE platform emulator (all changeable at runtime via ``POST /_emulator/config``)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, field_validator

__all__ = [
    "DEFAULT_SPEC_PATH",
    "EmulatorConfig",
    "FaultConfig",
    "RateLimit",
    "TestUser",
    "make_user_id",
]

# LINE's official OpenAPI document, shipped with the package (Apache-2.0, see openapi/LICENSE and SOURCE).
DEFAULT_SPEC_PATH = Path(__file__).resolve().parent / "openapi" / "messaging-api.yml"


def make_user_id(seed: str) -> str:
    """A stable LINE-shaped user ID (``U`` + 32 hex digits) derived from ``seed``."""
    return "U" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]


class TestUser(BaseModel):
    """A LINE user known to the emulator (profile returned by ``GET /v2/bot/profile/{userId}``)."""

    __test__ = False  # not a pytest test class

    user_id: str
    display_name: str
    picture_url: str | None = None
    status_message: str | None = None
    language: str = "th"
    following: bool = True

    def profile(self) -> dict[str, Any]:
        body: dict[str, Any] = {"userId": self.user_id, "displayName": self.display_name, "language": self.language}
        if self.picture_url:
            body["pictureUrl"] = self.picture_url
        if self.status_message:
            body["statusMessage"] = self.status_message
        return body


class RateLimit(BaseModel):
    """At most ``requests`` calls per ``per_seconds`` (token bucket, bursts up to ``requests``)."""

    requests: float = Field(gt=0)
    per_seconds: float = Field(default=1.0, gt=0)


class FaultConfig(BaseModel):
    """Injected faults, drawn from a RNG seeded with ``seed`` so runs are reproducible."""

    error_rate: float = Field(default=0.0, ge=0, le=1)
    """Share of calls answered 500 before anything is processed."""
    timeout_rate: float = Field(default=0.0, ge=0, le=1)
    """Share of calls whose response hangs for ``timeout_seconds``."""
    timeout_seconds: float = Field(default=30.0, ge=0)
    timeout_after_accept: bool = True
    """A hanging call was still processed (delivered) – the response is what got lost."""
    delay_seconds: float = Field(default=0.0, ge=0)
    """Added latency on every call."""
    delay_jitter_seconds: float = Field(default=0.0, ge=0)
    operations: list[str] | None = None
    """operationIds subject to faults (e.g. ``["pushMessage", "multicast"]``); ``None`` = all."""
    seed: int = 0


def _default_rate_limits() -> dict[str, RateLimit]:
    # LINE's documented limits: 2,000 req/s for most endpoints, 200 req/s for multicast,
    # 60 req/hour for narrowcast and broadcast.
    return {
        "multicast": RateLimit(requests=200),
        "narrowcast": RateLimit(requests=60, per_seconds=3600),
        "broadcast": RateLimit(requests=60, per_seconds=3600),
    }


def _default_users() -> list[TestUser]:
    return [
        TestUser(user_id=make_user_id("somchai"), display_name="สมชาย ใจดี"),
        TestUser(user_id=make_user_id("somying"), display_name="สมหญิง รักเรียน"),
    ]


class EmulatorConfig(BaseModel):
    channel_access_token: str = "emulator-channel-access-token"
    channel_secret: str = "emulator-channel-secret"
    webhook_url: str | None = None
    bot_user_id: str = Field(default_factory=lambda: make_user_id("emulator-bot"))
    bot_display_name: str = "ONDE Skills (emulator)"

    default_rate_limit: RateLimit = Field(default_factory=lambda: RateLimit(requests=2000))
    rate_limits: dict[str, RateLimit] = Field(default_factory=_default_rate_limits)
    """Per operationId (``multicast``, ``pushMessage`` …); others use ``default_rate_limit``."""
    faults: FaultConfig = Field(default_factory=FaultConfig)

    reply_token_ttl_seconds: float = 60.0
    retry_key_ttl_seconds: float = 24 * 3600.0
    monthly_quota: int | None = None
    """Messages per month for push/multicast/narrowcast/broadcast; ``None`` = unlimited."""
    validate_bodies: bool = True

    webhook_timeout_seconds: float = 2.0
    webhook_redelivery: bool = True
    """Re-send events the bot did not acknowledge with 2xx (``isRedelivery: true``)."""
    webhook_retry_delays_seconds: list[float] = Field(default_factory=lambda: [1.0, 2.0, 4.0])

    users: list[TestUser] = Field(default_factory=_default_users)
    cors_origins: list[str] = Field(default_factory=lambda: ["*"])
    """Origins allowed to call the emulator from a browser (the chat console)."""
    spec_path: Path = DEFAULT_SPEC_PATH
    max_recorded_requests: int = 100_000

    @field_validator("rate_limits", mode="before")
    @classmethod
    def _numbers_are_per_second(cls, value: Any) -> Any:
        """Accept ``{"multicast": 200}`` as shorthand for 200 requests per second."""
        if isinstance(value, dict):
            return {k: ({"requests": v} if isinstance(v, int | float) else v) for k, v in value.items()}
        return value

    def rate_limit_for(self, operation: str) -> RateLimit:
        return self.rate_limits.get(operation, self.default_rate_limit)
