"""Sub-applications mounted next to the API (the LINE emulator in development)."""

from __future__ import annotations

from fastapi import FastAPI

from backend.settings import Settings

EMULATOR_PREFIX = "/_line"


def install_mounts(app: FastAPI, settings: Settings) -> None:
    if settings.use_line_emulator:
        from bot.emulator import EmulatorConfig, create_emulator_app

        config = EmulatorConfig(
            channel_access_token=settings.line_channel_access_token,
            channel_secret=settings.line_channel_secret,
            webhook_url=f"{settings.public_base_url}/line/webhook",
        )
        app.mount(EMULATOR_PREFIX, create_emulator_app(config))
