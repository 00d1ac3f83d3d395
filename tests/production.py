"""Settings a real deployment would give: strong secrets, remote servers, https. For the tests of what
production refuses and what it never offers (demo accounts, demo data, the emulator)."""

from __future__ import annotations

from typing import Any

from backend.settings import Settings

STRONG = {
    "environment": "production",
    "database_url": "postgres://onde:pw@db.internal:5432/onde",
    "redis_url": "redis://cache.internal:6379/0",
    "line_channel_secret": "8c2d6a1f0b9e4d7c3a5f1e2b6d9c0a47",
    "line_channel_access_token": "k6Jx0pQe2R7sVb9LmN4tW1yZ3aC5dF8gH0jK2lM4nP6qS8uX0wY2zA4cE6gI8kO0qU2w3",
    "secret_key": "pX3q9Lr7Vt2Wb8Nz5Hc1Md6Kf4Jg0Sa-Ye_UiOo3Tp7Rq2Ew",
    "admin_token": "Zm4Nq8Rt2Vx6Bc0Lk3Jh7Gf1Ds5Aw9-Pe_Yu2Io6Tr4Eq8Wn",
    "public_base_url": "https://onde-skills.example.go.th",
}


def production_settings(**overrides: Any) -> Settings:
    return Settings(**{**STRONG, **overrides}, _env_file=None)  # type: ignore[arg-type]
