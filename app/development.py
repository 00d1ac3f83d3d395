"""Development only: the LINE platform emulator mounted next to the app (LINE_EMULATOR, on by default in
development), so the bot works without a LINE account."""

from __future__ import annotations

from fastapi import FastAPI

from backend.settings import Settings
from bot.webhook import WEBHOOK_PATH

EMULATOR_PREFIX = "/_line"


def mount_line_emulator(app: FastAPI, settings: Settings) -> None:
    """The emulator at /_line: a development tool, installed by `make venv`, not by the production package."""
    try:
        from line_emulator import EmulatorConfig, create_emulator_app
    except ModuleNotFoundError as exc:
        if exc.name != "line_emulator":
            raise
        raise RuntimeError(
            "the LINE emulator is on (LINE_EMULATOR, or development without LINE_CHANNEL_SECRET) but the "
            "line_emulator package is not installed: run `make venv` or `pip install -e ./line_emulator`, "
            "or set LINE_EMULATOR=false and configure the LINE channel"
        ) from None
    config = EmulatorConfig(
        channel_access_token=settings.line_channel_access_token,
        channel_secret=settings.line_channel_secret,
        webhook_url=f"{settings.public_base_url}{WEBHOOK_PATH}",
    )
    app.mount(EMULATOR_PREFIX, create_emulator_app(config))
